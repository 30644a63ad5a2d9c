//! Drill-down to each statement of a round, topic by topic: how people answered (for a
//! readiness topic, with where it stands) and their comments. Comments follow the small-group rule: they are shown only when the
//! round has at least the smallest group size and their writer's organisation and role
//! each have at least that many respondents, in alphabetical order; the page says how
//! many were held back.

use trellis_core::analysis::{Distribution, ReadinessState, MIN_GROUP};
use trellis_core::scoring::format_score;
use yew::prelude::*;

use crate::components::charts::distribution_figure;
use crate::components::names::{answer_categories, standing_text, statement_text};
use crate::messages as msg;
use crate::pages::{find_analysed_round, use_round_analysis};
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct StatementsProps {
    pub id: AttrValue,
}

#[component]
pub fn StatementsPage(props: &StatementsProps) -> Html {
    let app = use_app_state();
    let analysis = use_round_analysis(&app, &props.id, MIN_GROUP);
    let ((_, round, instrument), analysis) = match find_analysed_round(&app, &props.id, analysis) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let categories = answer_categories(instrument);
    let sections = instrument.domains_in_mode(&round.mode).map(|d| {
        let results: Vec<_> = analysis.statements.iter().filter(|s| s.domain == d.id).collect();
        let rows: Vec<(String, Distribution)> = results
            .iter()
            .map(|s| {
                let text = statement_text(instrument, &s.statement);
                let mean = s.stats.as_ref().map_or("–".to_string(), |st| format_score(st.mean));
                (format!("{text} ({mean})"), s.distribution.clone())
            })
            .collect();
        let withheld: usize = results.iter().map(|s| s.withheld_comments).sum();
        // A readiness topic says where it stands, as the readiness result does.
        let standing = instrument.is_readiness(&d.id).then(|| {
            let score = analysis.domain(&d.id).and_then(|x| x.stats.as_ref()).map(|s| s.mean);
            let mut text = msg::standing_sentence(standing_text(ReadinessState::of(score)), score);
            if instrument.is_gate(&d.id) {
                text = format!("{text} {}", msg::A_GATE);
            }
            text
        });
        let comments: Vec<(String, &String)> = results
            .iter()
            .flat_map(|s| {
                let text = statement_text(instrument, &s.statement);
                s.comments.iter().map(move |c| (text.clone(), c))
            })
            .collect();
        html! {
            <section aria-labelledby={format!("st-{}", d.id)} class="statement-domain" data-testid={format!("statements-{}", d.id)}>
                <h2 id={format!("st-{}", d.id)}>{ d.title.clone() }</h2>
                if let Some(text) = standing { <p data-testid={format!("statements-standing-{}", d.id)}>{ text }</p> }
                { distribution_figure(&format!("dist-{}", d.id), &msg::statements_caption(&d.title), &rows, &categories) }
                <h3>{ msg::COMMENTS }</h3>
                if analysis.n < analysis.min_group {
                    <p class="empty">{ msg::COMMENTS_WITHHELD }</p>
                } else if comments.is_empty() && withheld == 0 {
                    <p class="empty">{ msg::NO_COMMENTS }</p>
                }
                if withheld > 0 && analysis.n >= analysis.min_group {
                    <p class="notice" data-testid={format!("comments-held-{}", d.id)}>{ msg::comments_held_back(withheld, analysis.min_group) }</p>
                }
                if !comments.is_empty() {
                    <ul class="comments">
                        for (statement, c) in comments.iter() {
                            <li><span class="comment-on">{ statement.clone() }</span><q>{ (*c).clone() }</q></li>
                        }
                    </ul>
                }
            </section>
        }
    });
    html! {
        <>
            <p class="breadcrumb"><Link to={Route::Results { id: round.id.clone() }}>{ msg::results_title(&round.name) }</Link></p>
            <h1 tabindex="-1">{ msg::statements_title(&round.name) }</h1>
            <p class="lead">{ msg::STATEMENTS_LEAD }</p>
            { for sections }
        </>
    }
}
