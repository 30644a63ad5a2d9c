//! Pages: one per route. They read state through `use_app_state` and act through its verbs.

pub mod about;
pub mod answer;
pub mod collaboration;
pub mod compare;
pub mod consensus;
pub mod context;
pub mod data;
pub mod exports;
pub mod home;
pub mod import;
pub mod invite;
pub mod join;
pub mod kiosk;
pub mod library;
pub mod new_collaboration;
pub mod not_found;
pub mod plan;
pub mod progress;
pub mod report;
pub mod results;
pub mod round_fields;
pub mod sent;
pub mod shared;
pub mod statements;

pub use about::About;
pub use answer::{AnswerStart, AnswerStep};
pub use collaboration::CollaborationPage;
pub use compare::ComparePage;
pub use consensus::ConsensusPage;
pub use context::ContextPage;
pub use data::DataPage;
pub use exports::ExportPage;
pub use home::Home;
pub use import::ImportPage;
pub use invite::InvitePage;
pub use join::JoinPage;
pub use kiosk::KioskPage;
pub use library::LibraryPage;
pub use new_collaboration::NewCollaborationPage;
pub use not_found::NotFound;
pub use plan::PlanPage;
pub use progress::ProgressPage;
pub use report::ReportPage;
pub use results::Results;
pub use sent::SentPage;
pub use statements::StatementsPage;

use std::collections::BTreeMap;
use std::rc::Rc;

use trellis_core::analysis::{analyse, RoundAnalysis, RoundInput};
use trellis_core::format::{Collaboration, ContextAnswer, Response, Round, Timestamp};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::messages as msg;
use crate::state::AppState;

/// A round with its collaboration and the exact instrument version it uses.
pub type Found<'a> = (&'a Collaboration, &'a Round, &'a Rc<Instrument>);

/// The round a page is about, with its collaboration and the exact instrument version
/// it uses; or, when any is missing, the page to show instead.
pub fn find_round<'a>(app: &'a AppState, id: &str) -> Result<Found<'a>, Html> {
    let Some((collaboration, round)) = app.workspace.round(id) else {
        return Err(html! { <NotFound detail={AttrValue::from(msg::ROUND_MISSING)} /> });
    };
    let Some(instrument) = app.instrument_for(round) else {
        let detail = msg::instrument_missing(&round.instrument_id, &round.instrument_version);
        return Err(html! { <NotFound detail={AttrValue::from(detail)} /> });
    };
    Ok((collaboration, round, instrument))
}

/// The collaboration a page is about, with the current instrument; or the page to show instead.
pub fn find_collaboration<'a>(
    app: &'a AppState,
    id: &str,
) -> Result<(&'a Collaboration, &'a Rc<Instrument>), Html> {
    let Some(collaboration) = app.workspace.collaboration(id) else {
        return Err(html! { <NotFound detail={AttrValue::from(msg::COLLABORATION_MISSING)} /> });
    };
    let Some(instrument) = app.current_instrument() else {
        return Err(html! { <p>{ msg::NO_INSTRUMENT }</p> });
    };
    Ok((collaboration, instrument))
}

/// What a round's analysis is made from: equal keys give equal analyses, so
/// [`use_round_analyses`] makes one again only when its key changes (an answer typed
/// elsewhere, a plan item or a consensus note does not change it).
#[derive(PartialEq)]
struct AnalysisKey {
    round: String,
    /// The instrument's id and version, which identify it (a wording change is a new
    /// version; see `Instrument`'s `PartialEq`).
    instrument: (String, String),
    mode: String,
    /// The round's own context answers.
    context: BTreeMap<String, ContextAnswer>,
    targets: BTreeMap<String, u8>,
    /// The agreed levels, which are the domains' levels wherever recorded.
    agreed: BTreeMap<String, Option<u8>>,
    /// The targets of the round before, which this round reports as met or not.
    earlier_targets: BTreeMap<String, u8>,
    min_group: usize,
    /// The partner ids when the round has a partner map.
    partner_map: Option<Vec<String>>,
    /// The sent responses, each by id and the time of its last change, rather than a
    /// copy of every answer. Core never changes a sent response, and every way another
    /// copy of one comes in (merge, import) takes it only when its `updated` is later; so
    /// while a response keeps its id and `updated`, it keeps its contents. (A workspace
    /// replaced from a file holds copies of the same responses; only a file edited by
    /// hand could hold other contents under the same id and time.)
    sent: Vec<(String, Timestamp)>,
}

impl AnalysisKey {
    fn new(app: &AppState, round_id: &str, min_group: usize) -> Option<AnalysisKey> {
        let (collaboration, round) = app.workspace.round(round_id)?;
        Some(AnalysisKey {
            round: round.id.clone(),
            instrument: (round.instrument_id.clone(), round.instrument_version.clone()),
            mode: round.mode.clone(),
            context: round.context.clone(),
            targets: round.targets.clone(),
            agreed: round
                .consensus
                .iter()
                .map(|(d, c)| (d.clone(), c.level))
                .collect(),
            earlier_targets: app
                .workspace
                .previous_round(round_id)
                .map(|r| r.targets.clone())
                .unwrap_or_default(),
            min_group,
            partner_map: round
                .partner_map
                .then(|| collaboration.partners.iter().map(|p| p.id.clone()).collect()),
            sent: sent_responses(app, round_id)
                .map(|r| (r.id.clone(), r.updated))
                .collect(),
        })
    }
}

fn sent_responses<'a>(app: &'a AppState, round_id: &'a str) -> impl Iterator<Item = &'a Response> + 'a {
    app.workspace
        .responses_for(round_id)
        .filter(|r| r.submitted.is_some())
}

/// The engine's analysis of a round's sent responses, with the round's targets; `None`
/// when the round or its instrument is missing.
fn analyse_round(app: &AppState, round_id: &str, min_group: usize) -> Option<RoundAnalysis> {
    let (collaboration, round) = app.workspace.round(round_id)?;
    let instrument = app.instrument_for(round)?;
    let earlier_targets = app
        .workspace
        .previous_round(round_id)
        .map(|r| r.targets.clone())
        .unwrap_or_default();
    Some(analyse(&RoundInput {
        instrument,
        mode: &round.mode,
        responses: sent_responses(app, round_id).collect(),
        // The round's own context: the answers it was read under, which a later change
        // to the collaboration's answers leaves alone once the round is closed.
        context: &round.context,
        targets: &round.targets,
        consensus: &round.consensus,
        earlier_targets: &earlier_targets,
        min_group,
        partner_map: round.partner_map.then_some(collaboration.partners.as_slice()),
    }))
}

/// The analyses of several rounds, in the order given (`None` for a round or instrument
/// that is missing). The engine runs again only when what one of them is made from
/// changes ([`AnalysisKey`]), not on every render; each analysis is shared, so views that
/// compare it by address see the same one until then.
#[hook]
pub fn use_round_analyses(
    app: &AppState,
    rounds: Vec<String>,
    min_group: usize,
) -> Rc<Vec<Option<Rc<RoundAnalysis>>>> {
    let keys: Vec<Option<AnalysisKey>> = rounds
        .iter()
        .map(|id| AnalysisKey::new(app, id, min_group))
        .collect();
    use_memo(keys, |_| {
        rounds
            .iter()
            .map(|id| analyse_round(app, id, min_group).map(Rc::new))
            .collect()
    })
}

/// The analysis of one round (see [`use_round_analyses`]).
#[hook]
pub fn use_round_analysis(app: &AppState, round: &str, min_group: usize) -> Option<Rc<RoundAnalysis>> {
    let analyses = use_round_analyses(app, vec![round.to_string()], min_group);
    analyses.first().cloned().flatten()
}

/// The round a page is about, as [`find_round`] gives it, with its analysis from
/// [`use_round_analysis`] (a hook, so the page calls it before it may return early).
pub fn find_analysed_round<'a>(
    app: &'a AppState,
    id: &str,
    analysis: Option<Rc<RoundAnalysis>>,
) -> Result<(Found<'a>, Rc<RoundAnalysis>), Html> {
    let found = find_round(app, id)?;
    // The analysis comes from the same lookups as the round, so it is there whenever the
    // round and its instrument are.
    let analysis =
        analysis.ok_or_else(|| html! { <NotFound detail={AttrValue::from(msg::ROUND_MISSING)} /> })?;
    Ok((found, analysis))
}

/// The choice of the smallest group shown on its own (never below the engine's minimum).
pub fn min_group_field(min_group: &UseStateHandle<usize>) -> Html {
    use trellis_core::analysis::MIN_GROUP;
    let m = min_group.clone();
    let onchange = Callback::from(move |e: Event| {
        m.set(
            crate::browser::dom::event_value(&e)
                .parse()
                .unwrap_or(MIN_GROUP)
                .max(MIN_GROUP),
        )
    });
    html! {
        <div class="field inline-field">
            <label for="min-group">{ msg::MIN_GROUP_LABEL }</label>
            <select id="min-group" {onchange}>
                for n in [3usize, 4, 5, 6, 8, 10] {
                    <option value={n.to_string()} selected={**min_group == n}>{ n }</option>
                }
            </select>
        </div>
    }
}

/// While a workshop session runs on this device, results stay hidden: the page to show
/// instead, if one is running.
pub fn hidden_by_workshop(app: &AppState) -> Option<Html> {
    let kiosk_round = app.kiosk.clone()?;
    Some(html! {
        <>
            <h1 tabindex="-1">{ msg::RESULTS_HIDDEN_TITLE }</h1>
            <p>{ msg::RESULTS_HIDDEN }</p>
            <crate::route::Link to={crate::route::Route::Kiosk { id: kiosk_round }} classes="button">{ msg::BACK }</crate::route::Link>
        </>
    })
}
