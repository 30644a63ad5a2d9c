//! Opening an invitation link: who is asking, how long it takes, and the privacy promise,
//! then a copy of the round on this device so the person can answer. Opened again after
//! finishing, it leads back to the ways of sending those answers first.

use trellis_core::transfer::decode_invitation;
use yew::prelude::*;

use crate::messages as msg;
use crate::route::{navigate, Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct JoinProps {
    /// The invitation text from the link's fragment.
    pub code: AttrValue,
}

#[component]
pub fn JoinPage(props: &JoinProps) -> Html {
    let app = use_app_state();
    let invitation = match decode_invitation(&props.code) {
        Ok(inv) => inv,
        Err(e) => {
            return html! {
                <>
                    <h1 tabindex="-1">{ msg::BAD_LINK_TITLE }</h1>
                    <p role="alert" data-testid="bad-link">{ msg::bad_link(&msg::transfer_error(&e)) }</p>
                    <p>{ msg::BAD_LINK_HELP }</p>
                </>
            };
        }
    };
    let Some(instrument) = app.catalogue.get(&invitation.instrument, &invitation.version) else {
        return html! {
            <>
                <h1 tabindex="-1">{ msg::BAD_LINK_TITLE }</h1>
                <p role="alert">{ msg::instrument_missing(&invitation.instrument, &invitation.version) }</p>
            </>
        };
    };
    let minutes = instrument.mode(&invitation.mode).map_or(0, |m| m.minutes);
    // What this device already holds for the round: answers in progress, or finished
    // answers of a respondent's copy (never another person's answers on the
    // facilitator's own device, which holds the round without the invitation mark).
    let round_id = invitation.round_id.as_str();
    let invited_here = app
        .workspace
        .round(round_id)
        .is_some_and(|(c, _)| c.invited.is_some());
    let responses = || app.workspace.responses_for(round_id);
    let in_progress = responses().any(|r| r.submitted.is_none());
    let finished = invited_here && !in_progress && responses().any(|r| r.submitted.is_some());
    let on_start = {
        let (app, invitation) = (app.clone(), invitation.clone());
        Callback::from(move |_| {
            app.accept_invitation(invitation.clone());
            navigate(&Route::AnswerStart {
                id: invitation.round_id.clone(),
            });
        })
    };
    html! {
        <>
            <h1 tabindex="-1">{ msg::join_title(&invitation.collaboration) }</h1>
            <p class="lead">{ msg::join_lead(&invitation.round_name, minutes) }</p>
            if invitation.partner_map {
                <p data-testid="join-partner-map">{ msg::PARTNER_MAP_ASKED }</p>
            }
            if let Some(contact) = &invitation.contact {
                <p>{ msg::asked_by(contact) }</p>
            }
            <p>{ msg::ANSWER_PRIVACY }</p>
            if finished {
                <div class="notice" data-testid="finished-before">
                    <h2>{ msg::FINISHED_BEFORE_TITLE }</h2>
                    <p>{ msg::FINISHED_BEFORE }</p>
                    <Link to={Route::Sent { id: round_id.to_string() }} classes="button">{ msg::SEND_AGAIN }</Link>
                </div>
                <button type="button" class="button button-secondary" onclick={on_start} data-testid="join-start">
                    { msg::ANSWER_AS_ANOTHER }
                </button>
            } else {
                <p>{ msg::JOIN_SEND }</p>
                <button type="button" class="button" onclick={on_start} data-testid="join-start">
                    { if in_progress { msg::CONTINUE } else { msg::START } }
                </button>
            }
        </>
    }
}
