//! The fields that describe a round (name, date, questionnaire mode), shared by the
//! set-up page and the add-a-round form.

use std::rc::Rc;

use trellis_core::workspace::NewRound;
use yew::prelude::*;

use crate::browser::dom::event_value;
use crate::messages as msg;

/// A mode the facilitator can choose: (id, title, summary, minutes).
#[derive(Debug, Clone, PartialEq)]
pub struct ModeOption {
    pub id: AttrValue,
    pub title: AttrValue,
    pub summary: AttrValue,
    pub minutes: u32,
}

/// A change to one field of the round form.
pub type RoundEdit = (fn(&mut NewRound, String), String);

/// The round form's value, kept where every change reaches the latest one, and a way to
/// show it again after a change.
#[hook]
pub fn use_round_form(
    initial: impl FnOnce() -> NewRound,
) -> (Rc<std::cell::RefCell<NewRound>>, Callback<RoundEdit>) {
    let form = use_mut_ref(initial);
    let redraw = use_force_update();
    let on_change = {
        let form = form.clone();
        Callback::from(move |(set, value): RoundEdit| {
            set(&mut form.borrow_mut(), value);
            redraw.force_update();
        })
    };
    (form, on_change)
}

#[derive(Properties, PartialEq)]
pub struct RoundFieldsProps {
    pub value: NewRound,
    pub modes: Rc<Vec<ModeOption>>,
    /// One field changed: how to set it, and its new text. The parent applies it to the
    /// form's current value (not the value of the last render, which a second change
    /// in the same moment, such as a browser filling two fields, would overwrite).
    pub on_change: Callback<RoundEdit>,
    /// Error text for the date field, if any.
    #[prop_or_default]
    pub date_error: Option<AttrValue>,
    #[prop_or_default]
    pub name_error: Option<AttrValue>,
    #[prop_or_default]
    pub mode_error: Option<AttrValue>,
    /// Whether to offer the partner map (the questionnaire has its steps and the
    /// collaboration at least two partners).
    #[prop_or_default]
    pub partner_map_offered: bool,
}

#[component]
pub fn RoundFields(props: &RoundFieldsProps) -> Html {
    let update = |f: fn(&mut NewRound, String)| {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| on_change.emit((f, event_value(&e))))
    };
    let modes = props.modes.iter().map(|m| {
        let id = format!("mode-{}", m.id);
        let hint_id = format!("{id}-hint");
        html! {
            <div class="choice-block">
                <input
                    type="radio"
                    name="mode"
                    id={id.clone()}
                    value={m.id.clone()}
                    checked={props.value.mode == m.id.as_str()}
                    aria-describedby={hint_id.clone()}
                    onchange={update(|r, v| r.mode = v)}
                />
                <label for={id}>{ format!("{} ({})", m.title, msg::about_minutes(m.minutes)) }</label>
                <p class="hint" id={hint_id}>{ m.summary.clone() }</p>
            </div>
        }
    });
    html! {
        <>
            <div class={classes!("field", props.name_error.is_some().then_some("field-error"))}>
                <label for="round-name">{ msg::ROUND_NAME }</label>
                if let Some(e) = &props.name_error {
                    <p class="error-message" id="round-name-error">{ e.clone() }</p>
                }
                <input id="round-name" type="text" value={props.value.name.clone()}
                    aria-describedby={props.name_error.as_ref().map(|_| "round-name-error")}
                    onchange={update(|r, v| r.name = v)} />
            </div>
            <div class={classes!("field", props.date_error.is_some().then_some("field-error"))}>
                <label for="round-date">{ msg::ROUND_DATE }</label>
                if let Some(e) = &props.date_error {
                    <p class="error-message" id="round-date-error">{ e.clone() }</p>
                }
                <input id="round-date" type="date" value={props.value.date.clone()}
                    aria-describedby={props.date_error.as_ref().map(|_| "round-date-error")}
                    onchange={update(|r, v| r.date = v)} />
            </div>
            <fieldset class={classes!("field", props.mode_error.is_some().then_some("field-error"))} id="round-mode" tabindex="-1">
                <legend>{ msg::ROUND_MODE }</legend>
                if let Some(e) = &props.mode_error {
                    <p class="error-message">{ e.clone() }</p>
                }
                { for modes }
            </fieldset>
            if props.partner_map_offered {
                { partner_map_choice(props.value.partner_map, update(|r, _| r.partner_map = !r.partner_map)) }
            }
        </>
    }
}

/// The tick box that adds the partner map to a round (on the round form and the invite
/// page); each change flips it.
pub fn partner_map_choice(checked: bool, on_toggle: Callback<Event>) -> Html {
    html! {
        <div class="field choice-block" data-testid="partner-map-choice">
            <input type="checkbox" id="round-partner-map" {checked}
                aria-describedby="round-partner-map-hint" onchange={on_toggle} />
            <label for="round-partner-map">{ msg::PARTNER_MAP_CHOICE }</label>
            <p class="hint" id="round-partner-map-hint">{ msg::PARTNER_MAP_CHOICE_HINT }</p>
        </div>
    }
}

/// Whether `instrument` asks about the partner map (it has the map's steps).
pub fn questionnaire_has_partner_map(instrument: &trellis_core::Instrument) -> bool {
    !instrument.partner_levels().is_empty()
}

/// Whether a round of `instrument` can have a partner map in a collaboration of
/// `partners` partners.
pub fn partner_map_offered(instrument: &trellis_core::Instrument, partners: usize) -> bool {
    questionnaire_has_partner_map(instrument) && partners >= 2
}

/// The messages for one field among a form's problems ((field id, message) pairs), as one
/// text to show beside it; `None` when the field has none.
pub fn field_errors(errors: &[(AttrValue, AttrValue)], field: &str) -> Option<AttrValue> {
    let messages: Vec<&str> = errors
        .iter()
        .filter(|(f, _)| f == field)
        .map(|(_, m)| m.as_str())
        .collect();
    (!messages.is_empty()).then(|| AttrValue::from(messages.join(" ")))
}

/// The modes of an instrument as options for [`RoundFields`].
pub fn mode_options(instrument: &trellis_core::Instrument) -> Rc<Vec<ModeOption>> {
    Rc::new(
        instrument
            .modes()
            .iter()
            .map(|m| ModeOption {
                id: m.id.clone().into(),
                title: m.title.clone().into(),
                summary: m.summary.clone().into(),
                minutes: m.minutes,
            })
            .collect(),
    )
}
