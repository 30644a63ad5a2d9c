//! The page for a link that leads nowhere (a mistyped address, or something deleted).

use yew::prelude::*;

use crate::messages as msg;
use crate::route::{Link, Route};

#[derive(Properties, PartialEq)]
pub struct NotFoundProps {
    #[prop_or_default]
    pub detail: Option<AttrValue>,
}

#[component]
pub fn NotFound(props: &NotFoundProps) -> Html {
    html! {
        <>
            <h1 tabindex="-1">{ msg::NOT_FOUND_TITLE }</h1>
            <p>{ props.detail.clone().unwrap_or_else(|| msg::NOT_FOUND.into()) }</p>
            <p><Link to={Route::Home}>{ msg::BACK_HOME }</Link></p>
        </>
    }
}
