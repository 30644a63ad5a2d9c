//! Results of a round: the engine's round analysis of the answers sent, shown in full.

use std::rc::Rc;

use trellis_core::analysis::MIN_GROUP;
use yew::prelude::*;

use crate::components::charts::{distribution_figure, radar_figure, radar_values};
use crate::components::names::{answer_categories, domain_title};
use crate::components::readiness::asks_readiness;
use crate::components::RoundResults;
use crate::messages as msg;
use crate::pages::{find_analysed_round, hidden_by_workshop, min_group_field, use_round_analysis};
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub id: AttrValue,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let app = use_app_state();
    let contested_first = use_state(|| false);
    let min_group = use_state(|| MIN_GROUP);
    let analysis = use_round_analysis(&app, &props.id, *min_group);
    let ((collaboration, round, instrument), analysis) = match find_analysed_round(&app, &props.id, analysis)
    {
        Ok(found) => found,
        Err(page) => return page,
    };
    if let Some(page) = hidden_by_workshop(&app) {
        return page;
    }
    let unsent = app.workspace.responses_for(&round.id).count() - analysis.n;
    let partners = Rc::new(
        collaboration
            .partners
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect::<Vec<_>>(),
    );
    let ask_levels = instrument.mode(&round.mode).is_some_and(|m| m.ask_levels);
    html! {
        <>
            <p class="breadcrumb"><Link to={Route::Collaboration { id: collaboration.id.clone() }}>{ collaboration.name.clone() }</Link></p>
            <h1 tabindex="-1">{ msg::results_title(&round.name) }</h1>
            <p class="lead" data-testid="respondent-count">{ msg::results_count(analysis.n) }</p>
            if unsent > 0 {
                <p class="notice">{ msg::unsent_excluded(unsent) }</p>
            }
            <nav class="round-links" aria-label={msg::ROUND_TOOLS}>
                <Link to={Route::Consensus { id: round.id.clone() }} classes="button button-secondary">{ msg::RECORD_CONSENSUS }</Link>
                <Link to={Route::Plan { id: round.id.clone() }} classes="button button-secondary">{ msg::PLAN_AND_TARGETS }</Link>
                <Link to={Route::Library { id: round.id.clone() }} classes="button button-secondary">{ msg::LIBRARY_LINK }</Link>
                <Link to={Route::Statements { id: round.id.clone() }} classes="button button-secondary">{ msg::STATEMENTS_IN_DETAIL }</Link>
                <Link to={Route::Report { id: round.id.clone() }} classes="button button-secondary">{ msg::BOARD_REPORT }</Link>
                if collaboration.rounds.len() > 1 {
                    <Link to={Route::Progress { id: collaboration.id.clone() }} classes="button button-secondary">{ msg::PROGRESS_OVER_TIME }</Link>
                }
                <Link to={Route::Kiosk { id: round.id.clone() }} classes="button button-secondary">{ msg::RUN_WORKSHOP }</Link>
            </nav>
            { min_group_field(&min_group) }
            if analysis.n == 0 {
                <p class="empty" data-testid="no-results">{ msg::NO_RESULTS }</p>
                <Link to={Route::AnswerStart { id: round.id.clone() }} classes="button">{ msg::ANSWER_ROUND }</Link>
            } else {
                { dashboard(&analysis, instrument) }
                <RoundResults
                    analysis={analysis.clone()}
                    instrument={instrument.clone()}
                    {partners}
                    {ask_levels}
                    contested_first={*contested_first}
                    on_order={let c = contested_first.clone(); Callback::from(move |v| c.set(v))}
                />
                <section aria-labelledby="export-heading" class="exports no-print">
                    <h2 id="export-heading">{ msg::EXPORT_TITLE }</h2>
                    <p>{ msg::EXPORT_LEAD }</p>
                    <p><Link to={Route::Export { id: round.id.clone() }} classes="button button-secondary">{ msg::EXPORT_LINK }</Link></p>
                </section>
            }
            <section aria-labelledby="method-heading" class="method">
                <h2 id="method-heading">{ msg::HOW_SCORED }</h2>
                if asks_readiness(&analysis, instrument) { <p>{ msg::READINESS_METHOD }</p> }
                for para in msg::METHOD.iter() { <p>{ *para }</p> }
                <p class="no-print">{ msg::METHOD_MORE }{ " " }<Link to={Route::About}>{ msg::ABOUT_LINK }</Link></p>
            </section>
        </>
    }
}

/// The picture at the top of the results: the radar of topics and how people answered. A
/// round without functioning topics (a readiness check) has no radar: fewer than three
/// axes draw no shape.
fn dashboard(
    analysis: &trellis_core::analysis::RoundAnalysis,
    instrument: &trellis_core::Instrument,
) -> Html {
    let (labels, values, summary) = radar_values(analysis, instrument);
    let rows: Vec<_> = analysis
        .domains
        .iter()
        .map(|d| (domain_title(instrument, &d.domain), d.distribution.clone()))
        .collect();
    html! {
        <section aria-labelledby="overview-heading" class="dashboard">
            <h2 id="overview-heading">{ msg::OVERVIEW }</h2>
            <div class="dashboard-grid">
                if labels.len() >= 3 { { radar_figure(&labels, &values, summary) } }
                { distribution_figure("domain-distribution", msg::ANSWERS_BY_TOPIC, &rows, &answer_categories(instrument)) }
            </div>
        </section>
    }
}
