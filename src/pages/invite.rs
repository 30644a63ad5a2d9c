//! Inviting respondents: the invitation link (the round's description travels in the
//! link's fragment, so nothing is sent to any server) and the invitation sheet with its
//! QR code, which is all that prints.

use trellis_core::transfer::{encode_invitation, invitation_for};
use yew::prelude::*;

use crate::browser;
use crate::browser::dom::event_value;
use crate::components::invitation::{invitation_sheet, Sheet};
use crate::messages as msg;
use crate::pages::find_round;
use crate::pages::round_fields::{partner_map_choice, partner_map_offered};
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct InviteProps {
    pub id: AttrValue,
}

#[component]
pub fn InvitePage(props: &InviteProps) -> Html {
    let app = use_app_state();
    let copied = use_state(|| None::<bool>);
    let (collaboration, round, instrument) = match find_round(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    // The host's default contact (config.json) until the facilitator gives one.
    let contact = collaboration
        .contact
        .clone()
        .or_else(|| app.config.contact.clone());
    let invitation = invitation_for(collaboration, round, contact);
    let link = format!(
        "{}#/join/{}",
        browser::files::page_address(crate::route::Surface::Respondent.page()),
        encode_invitation(&invitation)
    );
    let minutes = instrument.mode(&round.mode).map_or(0, |m| m.minutes);
    let on_copy = {
        let (link, copied) = (link.clone(), copied.clone());
        Callback::from(move |_| {
            let (link, copied) = (link.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(
                async move { copied.set(Some(browser::files::copy(&link).await)) },
            );
        })
    };
    // The partner map can still be turned on or off here: the link carries the choice.
    let on_partner_map = {
        let (app, id, on) = (app.clone(), round.id.clone(), !round.partner_map);
        Callback::from(move |_: Event| app.set_partner_map(&id, on))
    };
    let on_contact = {
        let (app, id) = (app.clone(), collaboration.id.clone());
        Callback::from(move |e: Event| app.set_contact(&id, &event_value(&e)))
    };
    html! {
        <>
            <p class="breadcrumb no-print"><Link to={Route::Collaboration { id: collaboration.id.clone() }}>{ collaboration.name.clone() }</Link></p>
            <h1 tabindex="-1" class="no-print">{ msg::invite_title(&round.name) }</h1>
            <div class="no-print">
                <p class="lead">{ msg::INVITE_LEAD }</p>
                <div class="field">
                    <label for="contact">{ msg::CONTACT_LABEL }</label>
                    <p class="hint" id="contact-hint">{ msg::CONTACT_HINT }</p>
                    <input id="contact" type="email" value={invitation.contact.clone().unwrap_or_default()}
                        aria-describedby="contact-hint" onchange={on_contact} />
                </div>
                if partner_map_offered(instrument, collaboration.partners.len()) {
                    { partner_map_choice(round.partner_map, on_partner_map) }
                    <p class="hint">{ msg::PARTNER_MAP_LINK_HINT }</p>
                }
                if let Some(n) = app.notice.clone() {
                    <p class="notice notice-warning" role="alert">{ n }</p>
                }
                <div class="field">
                    <label for="invitation-link">{ msg::INVITATION_LINK }</label>
                    <textarea id="invitation-link" rows="4" readonly=true value={link.clone()} data-testid="invitation-link" />
                </div>
                <button type="button" class="button" onclick={on_copy}>{ msg::COPY_LINK }</button>
                <button type="button" class="button button-secondary" onclick={Callback::from(|_| browser::dom::print())}>{ msg::PRINT_SHEET }</button>
                if let Some(ok) = *copied {
                    <p role="status">{ if ok { msg::COPIED } else { msg::COPY_YOURSELF } }</p>
                }
                <p class="hint">{ msg::PRINT_SHEET_HINT }</p>
                <p>
                    <Link to={Route::Import { id: round.id.clone() }}>{ msg::IMPORT_ANSWERS }</Link>
                </p>
            </div>
            { invitation_sheet(&Sheet {
                collaboration: &collaboration.name,
                round: &round.name,
                minutes,
                partners: &collaboration.partners,
                link: &link,
                contact: invitation.contact.as_deref(),
                partner_map: invitation.partner_map,
            }) }
        </>
    }
}
