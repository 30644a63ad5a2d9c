//! One question about the collaboration: single choice (radios), several choices
//! (checkboxes) or a number, in a fieldset with its legend.

use trellis_core::format::{ContextAnswer, ContextKind};
use yew::prelude::*;

use crate::browser::dom::event_value;

/// What the facilitator did to a context question.
#[derive(Debug, Clone, PartialEq)]
pub enum ContextInput {
    /// A choice was made, changed or cleared.
    Answer(Option<ContextAnswer>),
    /// The number field changed; the page parses and validates it.
    NumberText(String),
}

#[derive(Properties, PartialEq)]
pub struct ContextQuestionProps {
    pub id: AttrValue,
    pub question: AttrValue,
    #[prop_or_default]
    pub help: AttrValue,
    pub kind: ContextKind,
    /// (option id, label)
    #[prop_or_default]
    pub options: Vec<(AttrValue, AttrValue)>,
    pub current: Option<ContextAnswer>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Where the answer shown came from, when it was not given here (the number of
    /// partners entered at set-up).
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// Number text that could not be read, shown as typed beside its error.
    #[prop_or_default]
    pub typed: Option<AttrValue>,
    pub on_input: Callback<ContextInput>,
}

#[component]
pub fn ContextQuestion(props: &ContextQuestionProps) -> Html {
    let stem = format!("context-{}", props.id);
    let hint_id = format!("{stem}-hint");
    let error_id = format!("{stem}-error");
    let note_id = format!("{stem}-note");
    let described = [
        (!props.help.is_empty()).then_some(hint_id.as_str()),
        props.note.is_some().then_some(note_id.as_str()),
        props.error.is_some().then_some(error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let hint = (!props.help.is_empty())
        .then(|| html! { <p class="hint" id={hint_id.clone()}>{ props.help.clone() }</p> });
    let error = props
        .error
        .clone()
        .map(|e| html! { <p class="error-message" id={error_id.clone()}>{ e }</p> });
    let note = props
        .note
        .clone()
        .map(|n| html! { <p class="hint context-note" id={note_id.clone()}>{ n }</p> });

    if props.kind == ContextKind::Number {
        let value = match (&props.typed, &props.current) {
            (Some(typed), _) => typed.to_string(),
            (None, Some(ContextAnswer::Number(n))) => n.to_string(),
            _ => String::new(),
        };
        return html! {
            <div class={classes!("field", props.error.is_some().then_some("field-error"))} data-testid={stem.clone()}>
                <label for={stem.clone()}>{ props.question.clone() }</label>
                { hint.unwrap_or_default() }
                { note.unwrap_or_default() }
                { error.unwrap_or_default() }
                <input id={stem} type="number" inputmode="numeric" min="0" step="1" class="input-short"
                    value={value}
                    aria-describedby={(!described.is_empty()).then_some(described)}
                    onchange={props.on_input.reform(|e: Event| ContextInput::NumberText(event_value(&e)))} />
            </div>
        };
    }

    let multi = props.kind == ContextKind::Multi;
    let chosen = |id: &str| match &props.current {
        Some(ContextAnswer::One(o)) => o == id,
        Some(ContextAnswer::Many(list)) => list.iter().any(|o| o == id),
        _ => false,
    };
    let options = props.options.iter().map(|(id, label)| {
        let input_id = format!("{stem}-{id}");
        let checked = chosen(id);
        let next = if multi {
            let mut list: Vec<String> = match &props.current {
                Some(ContextAnswer::Many(list)) => list.clone(),
                _ => Vec::new(),
            };
            if checked {
                list.retain(|o| o != id.as_str());
            } else {
                list.push(id.to_string());
            }
            ContextInput::Answer((!list.is_empty()).then_some(ContextAnswer::Many(list)))
        } else {
            ContextInput::Answer(Some(ContextAnswer::One(id.to_string())))
        };
        html! {
            <div class="choice-block">
                <input type={if multi { "checkbox" } else { "radio" }} id={input_id.clone()} name={stem.clone()}
                    value={id.clone()} {checked}
                    onchange={props.on_input.reform(move |_| next.clone())} />
                <label for={input_id}>{ label.clone() }</label>
            </div>
        }
    });
    let can_clear = !multi && props.current.is_some();
    html! {
        <fieldset class="field context-question" data-testid={stem.clone()}
            aria-describedby={(!described.is_empty()).then_some(described)}>
            <legend>{ props.question.clone() }</legend>
            { hint.unwrap_or_default() }
            { error.unwrap_or_default() }
            { for options }
            if can_clear {
                <button type="button" class="link-button" onclick={props.on_input.reform(|_| ContextInput::Answer(None))}>
                    { crate::messages::CLEAR_CHOICE }
                </button>
            }
        </fieldset>
    }
}
