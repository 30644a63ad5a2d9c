//! The board report of a round, made for printing or saving as PDF: a two-page summary
//! (overall stage, topic levels with spread, top gaps, agreed actions, change since the
//! last round, the method in three sentences) and appendices with every topic,
//! statement and suggested action.

use std::collections::BTreeMap;
use std::rc::Rc;

use trellis_core::analysis::{compare, Verdict, MIN_GROUP};
use trellis_core::format::ActionStatus;
use trellis_core::scoring::format_score;
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::charts::{distribution_table, radar_figure, radar_values};
use crate::components::names::{
    answer_categories, domain_title, group_level_text, level_text, statement_text,
};
use crate::components::RoundResults;
use crate::messages as msg;
use crate::pages::{find_analysed_round, use_round_analyses};
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub id: AttrValue,
}

#[component]
pub fn ReportPage(props: &ReportProps) -> Html {
    let app = use_app_state();
    // This round and the one before it, for the change since then.
    let earlier = app.workspace.previous_round(&props.id);
    let ids = std::iter::once(props.id.to_string()).chain(earlier.map(|e| e.id.clone()));
    let analyses = use_round_analyses(&app, ids.collect(), MIN_GROUP);
    let this_round = analyses.first().cloned().flatten();
    let ((collaboration, round, instrument), analysis) =
        match find_analysed_round(&app, &props.id, this_round) {
            Ok(found) => found,
            Err(page) => return page,
        };
    let agreed: BTreeMap<String, u8> = round
        .consensus
        .iter()
        .filter_map(|(d, c)| c.level.map(|l| (d.clone(), l)))
        .collect();
    let ask_levels = instrument.mode(&round.mode).is_some_and(|m| m.ask_levels);
    let (labels, values, summary) = radar_values(&analysis, instrument, &agreed);
    let stage = match (ask_levels, analysis.stage.level) {
        (false, _) => msg::readiness_summary(
            analysis
                .readiness
                .iter()
                .filter(|c| c.in_place == Some(true))
                .count(),
            analysis.readiness.len(),
        ),
        (true, Some(l)) => msg::stage_summary(&level_text(instrument, l)),
        (true, None) => msg::NOT_ENOUGH_ANSWERS.to_string(),
    };
    let change = earlier
        .zip(analyses.get(1).cloned().flatten())
        .map(|(e, before)| (e.name.clone(), compare(&before, &analysis)));
    let levels = analysis.domains.iter().map(|d| {
        let spread = d.stats.as_ref().map_or(msg::NOT_ENOUGH_ANSWERS.to_string(), |s| {
            format!(
                "{} ({} – {})",
                format_score(s.mean),
                format_score(s.q1),
                format_score(s.q3)
            )
        });
        html! {
            <tr>
                <th scope="row">{ domain_title(instrument, &d.domain) }</th>
                <td>{ group_level_text(instrument, d.level) }</td>
                <td>{ spread }</td>
                <td>{ d.target.map_or("–".to_string(), |l| level_text(instrument, l)) }</td>
            </tr>
        }
    });
    let gaps = analysis.agenda.iter().take(3).map(|item| {
        let d = analysis.domain(&item.domain);
        let note = d.and_then(|d| d.gap()).map_or(String::new(), msg::levels_to_go);
        html! { <li><strong>{ domain_title(instrument, &item.domain) }</strong>{ format!(" – {note}") }</li> }
    });
    let agreed_actions: Vec<_> = round
        .plan
        .iter()
        .filter(|i| i.status != ActionStatus::Dropped)
        .collect();
    let statements: Vec<(String, trellis_core::analysis::Distribution)> = analysis
        .statements
        .iter()
        .map(|s| {
            let text = statement_text(instrument, &s.statement);
            (text, s.distribution.clone())
        })
        .collect();
    html! {
        <article class="report" data-testid="report">
            <p class="breadcrumb no-print"><Link to={Route::Results { id: round.id.clone() }}>{ msg::results_title(&round.name) }</Link></p>
            <p class="no-print">
                <button type="button" class="button" onclick={Callback::from(|_: MouseEvent| crate::browser::dom::print())}>{ msg::PRINT_REPORT }</button>
            </p>
            <header class="report-header">
                <p class="report-kicker">{ msg::BOARD_REPORT }</p>
                <h1 tabindex="-1">{ format!("{}: {}", collaboration.name, round.name) }</h1>
                <p class="meta">{ msg::report_meta(&round.date, analysis.n, collaboration.partners.len()) }</p>
                if collaboration.example { <p class="tag example-tag">{ msg::EXAMPLE_LABEL }</p> }
            </header>
            <section aria-labelledby="r-stage">
                <h2 id="r-stage">{ msg::REPORT_STAGE }</h2>
                <p class="stage-value">{ stage }</p>
            </section>
            <section aria-labelledby="r-levels" class="report-levels">
                <h2 id="r-levels">{ msg::REPORT_LEVELS }</h2>
                { radar_figure(&labels, &values, summary) }
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{ msg::TOPIC }</th>
                        <th scope="col">{ msg::LEVEL }</th>
                        <th scope="col">{ msg::REPORT_SPREAD }</th>
                        <th scope="col">{ msg::TARGET }</th>
                    </tr></thead>
                    <tbody>{ for levels }</tbody>
                </table>
            </section>
            <section aria-labelledby="r-gaps">
                <h2 id="r-gaps">{ msg::REPORT_GAPS }</h2>
                <ol>{ for gaps }</ol>
            </section>
            <section aria-labelledby="r-actions">
                <h2 id="r-actions">{ msg::REPORT_ACTIONS }</h2>
                if agreed_actions.is_empty() {
                    <p>{ msg::PLAN_EMPTY }</p>
                } else {
                    <table class="data-table" data-testid="report-actions">
                        <thead><tr>
                            <th scope="col">{ msg::ACTION_TEXT }</th>
                            <th scope="col">{ msg::TOPIC }</th>
                            <th scope="col">{ msg::OWNER }</th>
                            <th scope="col">{ msg::DUE }</th>
                            <th scope="col">{ msg::STATUS }</th>
                        </tr></thead>
                        <tbody>
                            for item in agreed_actions.iter() {
                                <tr>
                                    <td>{ item.title.clone() }</td>
                                    <td>{ domain_title(instrument, &item.domain) }</td>
                                    <td>{ item.owner.clone() }</td>
                                    <td>{ item.due.clone() }</td>
                                    <td>{ msg::status_name(item.status) }</td>
                                </tr>
                            }
                        </tbody>
                    </table>
                }
            </section>
            <section aria-labelledby="r-change">
                <h2 id="r-change">{ msg::REPORT_CHANGE }</h2>
                { change_section(instrument, change.as_ref()) }
            </section>
            <section aria-labelledby="r-method">
                <h2 id="r-method">{ msg::REPORT_METHOD }</h2>
                for s in msg::METHOD_SHORT.iter() { <p>{ *s }</p> }
            </section>
            <section class="report-appendix" aria-labelledby="r-app-a">
                <h2 id="r-app-a">{ msg::APPENDIX_DOMAINS }</h2>
                <RoundResults
                    analysis={analysis.clone()}
                    instrument={instrument.clone()}
                    partners={Rc::new(collaboration.partners.iter().map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>())}
                    {ask_levels}
                    consensus={Rc::new(agreed.clone())}
                    contested_first={false}
                    on_order={Callback::noop()}
                />
            </section>
            <section class="report-appendix" aria-labelledby="r-app-b">
                <h2 id="r-app-b">{ msg::APPENDIX_STATEMENTS }</h2>
                { distribution_table(&statements, &answer_categories(instrument)) }
            </section>
        </article>
    }
}

/// Change since the round before: per topic, before and now with the verdict, and the
/// respondent-mix warning.
pub fn change_section(
    instrument: &Instrument,
    change: Option<&(String, trellis_core::analysis::Comparison)>,
) -> Html {
    let Some((before, c)) = change else {
        return html! { <p>{ msg::NO_EARLIER_ROUND }</p> };
    };
    html! {
        <>
            <table class="data-table" data-testid="change-table">
                <thead><tr>
                    <th scope="col">{ msg::TOPIC }</th>
                    <th scope="col" class="num">{ before.clone() }</th>
                    <th scope="col" class="num">{ msg::NOW }</th>
                    <th scope="col">{ msg::CHANGE }</th>
                </tr></thead>
                <tbody>
                    for d in c.domains.iter() {
                        <tr>
                            <th scope="row">{ domain_title(instrument, &d.domain) }</th>
                            <td class="num">{ d.earlier.map_or("–".to_string(), format_score) }</td>
                            <td class="num">{ d.later.map_or("–".to_string(), format_score) }</td>
                            <td>{ verdict_text(d.verdict) }</td>
                        </tr>
                    }
                </tbody>
            </table>
            if c.mix_changed { <p class="notice">{ msg::MIX_CHANGED }</p> }
            <p class="hint">{ msg::EARLY_DIP }</p>
        </>
    }
}

pub fn verdict_text(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => msg::IMPROVED,
        Verdict::Declined => msg::DECLINED,
        Verdict::NoClearChange => msg::NO_CLEAR_CHANGE,
        Verdict::TooFewAnswers => msg::TOO_FEW_TO_COMPARE,
    }
}
