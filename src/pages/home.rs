//! The landing page: what Trellis is, the privacy promise, and the collaborations here.

use yew::prelude::*;

use crate::messages as msg;
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[component]
pub fn Home() -> Html {
    let app = use_app_state();
    let collaborations = &app.workspace.collaborations;
    html! {
        <>
            <h1 tabindex="-1">{ msg::HOME_TITLE }</h1>
            <p class="lead">{ msg::HOME_LEAD }</p>
            <p>{ msg::PRIVACY_PROMISE }</p>
            <section aria-labelledby="collaborations-heading">
                <h2 id="collaborations-heading">{ msg::YOUR_COLLABORATIONS }</h2>
                if collaborations.is_empty() {
                    <p class="empty" data-testid="no-collaborations">{ msg::NO_COLLABORATIONS }</p>
                } else {
                    <ul class="card-list" data-testid="collaborations">
                        for c in collaborations.iter() {
                            <li class="card">
                                <Link to={Route::Collaboration { id: c.id.clone() }}>{ c.name.clone() }</Link>
                                <span class="meta">{ msg::partners_and_rounds(c.partners.len(), c.rounds.len()) }</span>
                            </li>
                        }
                    </ul>
                }
                <p>
                    <Link to={Route::NewCollaboration} classes="button">{ msg::SET_UP_COLLABORATION }</Link>
                </p>
            </section>
        </>
    }
}
