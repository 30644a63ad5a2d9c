//! The maturity rubric for one domain: pick the description that fits best.

use yew::prelude::*;

use crate::components::markup::hint;
use crate::messages as msg;

#[derive(Properties, PartialEq)]
pub struct LevelChoiceProps {
    pub domain: AttrValue,
    /// (level name, description) for levels 1..=n.
    pub levels: Vec<(AttrValue, AttrValue)>,
    pub selected: Option<u8>,
    pub on_choose: Callback<Option<u8>>,
}

#[component]
pub fn LevelChoice(props: &LevelChoiceProps) -> Html {
    let name = format!("level-{}", props.domain);
    let options = props.levels.iter().enumerate().map(|(i, (title, description))| {
        let level = (i + 1) as u8;
        let id = format!("{name}-{level}");
        html! {
            <div class="level-option">
                <input
                    type="radio"
                    id={id.clone()}
                    name={name.clone()}
                    value={level.to_string()}
                    checked={props.selected == Some(level)}
                    onchange={props.on_choose.reform(move |_| Some(level))}
                />
                <label for={id}>
                    <strong>{ format!("{level}. {title}") }</strong>
                    <span class="level-description">{ description.clone() }</span>
                </label>
            </div>
        }
    });
    html! {
        <fieldset class="level-choice" data-testid={format!("levels-{}", props.domain)}>
            <legend>{ msg::LEVEL_QUESTION }</legend>
            { hint(msg::LEVEL_HINT) }
            { for options }
            if props.selected.is_some() {
                <button type="button" class="link-button" onclick={props.on_choose.reform(|_| None)}>
                    { msg::CLEAR_LEVEL }
                </button>
            }
        </fieldset>
    }
}
