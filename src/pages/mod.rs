//! Pages: one per route. They read state through `use_app_state` and act through its verbs.

pub mod about;
pub mod answer;
pub mod collaboration;
pub mod consensus;
pub mod context;
pub mod data;
pub mod exports;
pub mod home;
pub mod import;
pub mod invite;
pub mod join;
pub mod kiosk;
pub mod new_collaboration;
pub mod not_found;
pub mod plan;
pub mod progress;
pub mod report;
pub mod results;
pub mod round_fields;
pub mod sent;
pub mod statements;

pub use about::About;
pub use answer::{AnswerStart, AnswerStep};
pub use collaboration::CollaborationPage;
pub use consensus::ConsensusPage;
pub use context::ContextPage;
pub use data::DataPage;
pub use exports::ExportPage;
pub use home::Home;
pub use import::ImportPage;
pub use invite::InvitePage;
pub use join::JoinPage;
pub use kiosk::KioskPage;
pub use new_collaboration::NewCollaborationPage;
pub use not_found::NotFound;
pub use plan::PlanPage;
pub use progress::ProgressPage;
pub use report::ReportPage;
pub use results::Results;
pub use sent::SentPage;
pub use statements::StatementsPage;

use std::rc::Rc;
use trellis_core::format::{Collaboration, Round};

use trellis_core::Instrument;
use yew::prelude::*;

use crate::messages as msg;
use crate::state::AppState;

/// The round a page is about, with its collaboration and the exact instrument version
/// it uses; or, when any is missing, the page to show instead.
pub fn find_round<'a>(
    app: &'a AppState,
    id: &str,
) -> Result<(&'a Collaboration, &'a Round, &'a Rc<Instrument>), Html> {
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

/// The engine's analysis of a round's sent responses, with the round's targets.
pub fn analyse_round(
    app: &AppState,
    collaboration: &Collaboration,
    round: &Round,
    instrument: &Instrument,
    min_group: usize,
) -> trellis_core::analysis::RoundAnalysis {
    trellis_core::analysis::analyse(&trellis_core::analysis::RoundInput {
        instrument,
        mode: &round.mode,
        responses: app
            .workspace
            .responses_for(&round.id)
            .filter(|r| r.submitted.is_some())
            .collect(),
        context: &collaboration.context,
        targets: &round.targets,
        min_group,
    })
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
