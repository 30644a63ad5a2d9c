//! Results of a round: a score per domain from the responses sent, as a chart and a table.

use trellis_core::chart::bar_chart;
use trellis_core::scoring::{format_score, round_summary};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::BarChartView;
use crate::messages as msg;
use crate::pages::find_round;
use crate::route::Route;
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub id: AttrValue,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let app = use_app_state();
    let (collaboration, round, instrument) = match find_round(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let sent: Vec<_> = app
        .workspace
        .responses_for(&round.id)
        .filter(|r| r.submitted.is_some())
        .collect();
    let unsent = app.workspace.responses_for(&round.id).count() - sent.len();
    let summary = round_summary(instrument, &round.mode, sent.iter().copied());
    let title_of = |id: &str| instrument.domain(id).map_or(id.to_string(), |d| d.title.clone());
    let items: Vec<(String, Option<f64>)> = summary.iter().map(|s| (title_of(&s.domain), s.mean)).collect();
    let max = f64::from(instrument.scale_max());
    let chart = bar_chart(&items, 1.0, max, msg::NOT_ENOUGH_ANSWERS);
    let rows = summary.iter().map(|s| {
        let outcome = !instrument.is_functioning(&s.domain);
        html! {
            <tr data-testid={format!("result-{}", s.domain)}>
                <th scope="row">
                    { title_of(&s.domain) }
                    if outcome { <span class="tag">{ msg::OUTCOME_TAG }</span> }
                </th>
                <td class="num">{ s.mean.map_or_else(|| msg::NOT_ENOUGH_ANSWERS.to_string(), format_score) }</td>
                <td class="num">{ s.n }</td>
                <td class="num">{ s.not_enough }</td>
                <td class="num">{ match (s.min, s.max) { (Some(a), Some(b)) => format!("{} – {}", format_score(a), format_score(b)), _ => "–".to_string() } }</td>
            </tr>
        }
    });
    html! {
        <>
            <p class="breadcrumb"><Link<Route> to={Route::Collaboration { id: collaboration.id.clone() }}>{ collaboration.name.clone() }</Link<Route>></p>
            <h1 tabindex="-1">{ msg::results_title(&round.name) }</h1>
            <p class="lead" data-testid="respondent-count">{ msg::results_count(sent.len()) }</p>
            if unsent > 0 {
                <p class="notice">{ msg::unsent_excluded(unsent) }</p>
            }
            if sent.is_empty() {
                <p class="empty" data-testid="no-results">{ msg::NO_RESULTS }</p>
                <Link<Route> to={Route::AnswerStart { id: round.id.clone() }} classes="button">{ msg::ANSWER_ROUND }</Link<Route>>
            } else {
                <section aria-labelledby="scores-heading">
                    <h2 id="scores-heading">{ msg::SCORES_BY_TOPIC }</h2>
                    <BarChartView
                        id="domain-scores"
                        title={msg::CHART_TITLE}
                        description={msg::chart_description(&items)}
                        chart={chart}
                    />
                    <div class="table-wrap">
                        <table data-testid="results-table">
                            <caption>{ msg::RESULTS_TABLE_CAPTION }</caption>
                            <thead><tr>
                                <th scope="col">{ msg::TOPIC }</th>
                                <th scope="col">{ msg::SCORE }</th>
                                <th scope="col">{ msg::PEOPLE_SCORED }</th>
                                <th scope="col">{ msg::PEOPLE_NOT_ENOUGH }</th>
                                <th scope="col">{ msg::RANGE }</th>
                            </tr></thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                </section>
            }
            <section aria-labelledby="method-heading" class="method">
                <h2 id="method-heading">{ msg::HOW_SCORED }</h2>
                for para in msg::METHOD.iter() { <p>{ *para }</p> }
            </section>
        </>
    }
}
