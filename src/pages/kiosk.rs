//! Workshop (kiosk) mode: several people answer in turn on one device. Each finished
//! response is stored and hidden before the next person starts; results and navigation
//! are out of reach until the facilitator ends the session.

use yew::prelude::*;

use crate::messages as msg;
use crate::pages::find_round;
use crate::route::{navigate, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct KioskProps {
    pub id: AttrValue,
}

#[component]
pub fn KioskPage(props: &KioskProps) -> Html {
    let app = use_app_state();
    let confirming = use_state(|| false);
    let (_, round, _) = match find_round(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let active = app.kiosk.as_deref() == Some(round.id.as_str());
    let next_person = {
        let id = round.id.clone();
        Callback::from(move |_| {
            navigate(&Route::AnswerStart { id: id.clone() });
        })
    };
    if !active {
        let start = {
            let (app, id, next_person) = (app.clone(), round.id.clone(), next_person.clone());
            Callback::from(move |e: MouseEvent| {
                app.kiosk(Some(&id));
                next_person.emit(e);
            })
        };
        return html! {
            <>
                <h1 tabindex="-1">{ msg::kiosk_title(&round.name) }</h1>
                <p class="lead">{ msg::KIOSK_LEAD }</p>
                <p>{ msg::KIOSK_HOW }</p>
                <button type="button" class="button" onclick={start}>{ msg::KIOSK_START }</button>
            </>
        };
    }
    let end = {
        let (app, confirming, id) = (app.clone(), confirming.clone(), round.id.clone());
        Callback::from(move |_| {
            if *confirming {
                app.kiosk(None);
                navigate(&Route::Results { id: id.clone() });
            } else {
                confirming.set(true);
            }
        })
    };
    html! {
        <>
            <h1 tabindex="-1">{ msg::KIOSK_THANKS }</h1>
            <p class="lead" role="status" data-testid="kiosk-ready">{ msg::KIOSK_NEXT }</p>
            <button type="button" class="button" onclick={next_person}>{ msg::KIOSK_NEXT_PERSON }</button>
            <h2>{ msg::KIOSK_FOR_FACILITATOR }</h2>
            if *confirming {
                <p class="notice notice-warning" role="alert">{ msg::KIOSK_CONFIRM_END }</p>
            }
            <button type="button" class="button button-secondary" onclick={end}>
                { if *confirming { msg::KIOSK_END_CONFIRM } else { msg::KIOSK_END } }
            </button>
        </>
    }
}
