//! Setting up a collaboration: its name, partner organisations and first round.

use trellis_core::workspace::{InputError, NewCollaboration, NewRound};
use yew::prelude::*;

use crate::browser;
use crate::browser::dom::event_value;
use crate::components::ErrorSummary;
use crate::messages as msg;
use crate::pages::round_fields::{mode_options, use_round_form, RoundFields};
use crate::route::{navigate, Route};
use crate::state::use_app_state;

/// Which field an input error belongs to, so it can be shown beside it.
pub fn round_error_field(error: &InputError) -> &'static str {
    match error {
        InputError::BadDate(_) => "round-date",
        _ => "round-name",
    }
}

#[component]
pub fn NewCollaborationPage() -> Html {
    let app = use_app_state();
    let name = use_state(String::new);
    let partners = use_state(String::new);
    let mode = app.config.mode.clone();
    let (round, on_round_change) = use_round_form(|| NewRound {
        name: msg::FIRST_ROUND_NAME.to_string(),
        date: browser::today(),
        mode: mode.unwrap_or_else(|| "full".to_string()),
    });
    // (field id, message)
    let error = use_state(|| None::<(AttrValue, AttrValue)>);

    let Some(instrument) = app.current_instrument() else {
        return html! { <p>{ msg::NO_INSTRUMENT }</p> };
    };
    let modes = mode_options(instrument);

    let on_submit = {
        let (app, name, partners, round, error) = (
            app.clone(),
            name.clone(),
            partners.clone(),
            round.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = NewCollaboration {
                name: (*name).clone(),
                partners: partners.lines().map(str::to_string).collect(),
            };
            if let Err(err) = input.validate(String::new(), trellis_core::format::Timestamp(0)) {
                let field = match err {
                    InputError::NameMissing | InputError::NameTooLong => "collaboration-name",
                    _ => "partners",
                };
                error.set(Some((field.into(), msg::input_error(&err).into())));
                return;
            }
            let value = round.borrow().clone();
            match app.create_collaboration(&input, value) {
                Ok(id) => {
                    navigate(&Route::Collaboration { id });
                }
                Err(err) => error.set(Some((
                    round_error_field(&err).into(),
                    msg::input_error(&err).into(),
                ))),
            }
        })
    };
    let error_for = |field: &str| error.as_ref().filter(|(f, _)| f == field).map(|(_, m)| m.clone());
    let summary: Vec<(AttrValue, AttrValue)> = error.iter().cloned().collect();

    html! {
        <>
            <h1 tabindex="-1">{ msg::NEW_COLLABORATION_TITLE }</h1>
            <p>{ msg::NEW_COLLABORATION_LEAD }</p>
            <ErrorSummary errors={summary} on_select={Callback::from(|id: AttrValue| browser::dom::focus_element(&id))} />
            <form onsubmit={on_submit} novalidate=true data-testid="new-collaboration-form">
                <div class={classes!("field", error_for("collaboration-name").is_some().then_some("field-error"))}>
                    <label for="collaboration-name">{ msg::COLLABORATION_NAME }</label>
                    <p class="hint" id="collaboration-name-hint">{ msg::COLLABORATION_NAME_HINT }</p>
                    if let Some(m) = error_for("collaboration-name") {
                        <p class="error-message">{ m }</p>
                    }
                    <input id="collaboration-name" type="text" value={(*name).clone()}
                        aria-describedby="collaboration-name-hint"
                        onchange={let name = name.clone(); Callback::from(move |e: Event| name.set(event_value(&e)))} />
                </div>
                <div class={classes!("field", error_for("partners").is_some().then_some("field-error"))}>
                    <label for="partners">{ msg::PARTNERS }</label>
                    <p class="hint" id="partners-hint">{ msg::PARTNERS_HINT }</p>
                    if let Some(m) = error_for("partners") {
                        <p class="error-message">{ m }</p>
                    }
                    <textarea id="partners" rows="5" value={(*partners).clone()}
                        aria-describedby="partners-hint"
                        onchange={let partners = partners.clone(); Callback::from(move |e: Event| partners.set(event_value(&e)))} />
                </div>
                <h2>{ msg::FIRST_ROUND }</h2>
                <RoundFields
                    value={round.borrow().clone()}
                    modes={modes}
                    on_change={on_round_change}
                    name_error={error_for("round-name")}
                    date_error={error_for("round-date")}
                />
                <button type="submit" class="button">{ msg::CREATE_COLLABORATION }</button>
            </form>
        </>
    }
}
