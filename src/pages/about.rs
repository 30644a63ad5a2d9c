//! "About the method": what Trellis measures, where it comes from, how it scores, and
//! what it is not, in plain English, with the research it rests on.

use trellis_core::analysis::RULES_VERSION;
use yew::prelude::*;

use crate::components::markup::hint;
use crate::messages as msg;

#[component]
pub fn About() -> Html {
    html! {
        <>
            <h1 tabindex="-1">{ msg::ABOUT_TITLE }</h1>
            for (heading, paragraphs) in msg::ABOUT_SECTIONS.iter() {
                <section>
                    <h2>{ *heading }</h2>
                    for p in paragraphs.iter() { <p>{ *p }</p> }
                </section>
            }
            <p class="hint" data-testid="rules-version">{ msg::rules_version(RULES_VERSION) }</p>
            <section aria-labelledby="sources-heading">
                <h2 id="sources-heading">{ msg::SOURCES_TITLE }</h2>
                <ol class="sources" data-testid="sources">
                    for (text, doi) in msg::SOURCES.iter() {
                        <li>
                            { *text }
                            if !doi.is_empty() { { format!(" doi:{doi}") } }
                        </li>
                    }
                </ol>
                { hint(msg::SOURCES_NOTE) }
            </section>
        </>
    }
}
