//! Setting up a collaboration: its name, partner organisations and first round.

use trellis_core::workspace::{InputError, NewCollaboration, NewRound};
use yew::prelude::*;

use crate::browser;
use crate::browser::dom::event_value;
use crate::components::ErrorSummary;
use crate::messages as msg;
use crate::pages::round_fields::{
    field_errors, mode_options, questionnaire_has_partner_map, use_round_form, RoundFields,
};
use crate::route::{navigate, Route};
use crate::state::use_app_state;

/// Which field of the round form an input error belongs to, so it can be shown beside it.
pub fn round_error_field(error: &InputError) -> &'static str {
    match error {
        InputError::BadDate(_) => "round-date",
        InputError::UnknownMode(_) => "round-mode",
        _ => "round-name",
    }
}

/// Every problem with a round form, each with its field and words for the error summary.
pub fn round_problems(
    round: &NewRound,
    instrument: &trellis_core::Instrument,
) -> Vec<(AttrValue, AttrValue)> {
    round
        .problems(instrument)
        .iter()
        .map(|e| {
            let field = round_error_field(e);
            (field.into(), msg::field_error(field, e).into())
        })
        .collect()
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
        partner_map: false,
    });
    // Every problem found when the form was sent: (field id, message), in the form's order.
    let errors = use_state(Vec::<(AttrValue, AttrValue)>::new);

    let Some(instrument) = app.current_instrument() else {
        return html! { <p>{ msg::NO_INSTRUMENT }</p> };
    };
    let modes = mode_options(instrument);
    // A collaboration has at least two partners (the form checks the list when it is
    // sent), so the map is offered whenever the questionnaire has its steps; it does not
    // appear as the list is typed, which would move the button below it.
    let map_offered = questionnaire_has_partner_map(instrument);

    let on_submit = {
        let (app, name, partners, round, errors) = (
            app.clone(),
            name.clone(),
            partners.clone(),
            round.clone(),
            errors.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = NewCollaboration {
                name: (*name).clone(),
                partners: partners.lines().map(str::to_string).collect(),
            };
            let value = round.borrow().clone();
            // Every problem at once, in the order of the form, not only the first.
            let mut found: Vec<(AttrValue, AttrValue)> = input
                .problems()
                .iter()
                .map(|e| {
                    let field = match e {
                        InputError::NameMissing | InputError::NameTooLong => "collaboration-name",
                        _ => "partners",
                    };
                    (field.into(), msg::field_error(field, e).into())
                })
                .collect();
            if let Some(instrument) = app.current_instrument() {
                found.extend(round_problems(&value, instrument));
            }
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            match app.create_collaboration(&input, value) {
                Ok(id) => {
                    navigate(&Route::Collaboration { id });
                }
                Err(err) => {
                    let field = round_error_field(&err);
                    errors.set(vec![(field.into(), msg::field_error(field, &err).into())]);
                }
            }
        })
    };
    let error_for = |field: &str| field_errors(&errors, field);
    let summary: Vec<(AttrValue, AttrValue)> = (*errors).clone();

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
                        <p class="error-message" id="collaboration-name-error">{ m }</p>
                    }
                    <input id="collaboration-name" type="text" value={(*name).clone()}
                        aria-describedby={if error_for("collaboration-name").is_some() { "collaboration-name-hint collaboration-name-error" } else { "collaboration-name-hint" }}
                        onchange={let name = name.clone(); Callback::from(move |e: Event| name.set(event_value(&e)))} />
                </div>
                <div class={classes!("field", error_for("partners").is_some().then_some("field-error"))}>
                    <label for="partners">{ msg::PARTNERS }</label>
                    <p class="hint" id="partners-hint">{ msg::PARTNERS_HINT }</p>
                    if let Some(m) = error_for("partners") {
                        <p class="error-message" id="partners-error">{ m }</p>
                    }
                    <textarea id="partners" rows="5" value={(*partners).clone()}
                        aria-describedby={if error_for("partners").is_some() { "partners-hint partners-error" } else { "partners-hint" }}
                        onchange={let partners = partners.clone(); Callback::from(move |e: Event| partners.set(event_value(&e)))} />
                </div>
                <h2>{ msg::FIRST_ROUND }</h2>
                <RoundFields
                    value={round.borrow().clone()}
                    modes={modes}
                    on_change={on_round_change}
                    name_error={error_for("round-name")}
                    date_error={error_for("round-date")}
                    mode_error={error_for("round-mode")}
                    partner_map_offered={map_offered}
                />
                <button type="submit" class="button">{ msg::CREATE_COLLABORATION }</button>
            </form>
        </>
    }
}
