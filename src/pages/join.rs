//! Opening an invitation link: who is asking, how long it takes, and the privacy promise,
//! then a copy of the round on this device so the person can answer.

use trellis_core::transfer::decode_invitation;
use yew::prelude::*;

use crate::messages as msg;
use crate::route::{navigate, Route};
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
    let known = app.workspace.round(&invitation.round_id).is_some();
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
            if let Some(contact) = &invitation.contact {
                <p>{ msg::asked_by(contact) }</p>
            }
            <p>{ msg::ANSWER_PRIVACY }</p>
            <p>{ msg::JOIN_SEND }</p>
            <button type="button" class="button" onclick={on_start} data-testid="join-start">
                { if known { msg::CONTINUE } else { msg::START } }
            </button>
        </>
    }
}
