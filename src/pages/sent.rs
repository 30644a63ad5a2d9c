//! After finishing from an invitation: send the answers to the person who invited you, by
//! an email draft (the main way, when the invitation named an address), a file or a code
//! (plain or locked with a passphrase), and see what was sent. Each way confirms beside
//! its own button, and only then thanks the person: until something was emailed,
//! downloaded or copied, the answers are still only on this device.

use std::rc::Rc;

use trellis_core::format::Response;
use trellis_core::transfer::{encode_envelope, encode_response_code, response_file_json};
use yew::prelude::*;

use crate::browser;
use crate::browser::crypto::CryptoError;
use crate::browser::dom::event_value;
use crate::components::tie_questions::ties_table;
use crate::messages as msg;
use crate::pages::find_round;
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct SentProps {
    pub id: AttrValue,
}

/// What each way of sending said once it was used (a confirmation, or what went wrong),
/// by the id of the status beside its button; and which was used last. Each stays, so
/// nothing above a button collapses and moves it when another way is used.
#[derive(Default, PartialEq)]
struct Said {
    all: Vec<(&'static str, Result<AttrValue, AttrValue>)>,
    last: Option<&'static str>,
}

impl Reducible for Said {
    type Action = (&'static str, Result<AttrValue, AttrValue>);

    fn reduce(self: Rc<Self>, (id, said): Self::Action) -> Rc<Self> {
        let mut all = self.all.clone();
        all.retain(|(at, _)| *at != id);
        all.push((id, said));
        Rc::new(Said { all, last: Some(id) })
    }
}

/// A `mailto:` link with the code in the body (percent-encoded).
fn mailto(contact: &str, subject: &str, body: &str) -> String {
    let enc = |t: &str| {
        t.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    format!(
        "mailto:{}?subject={}&body={}",
        enc(contact).replace("%40", "@"),
        enc(subject),
        enc(body)
    )
}

/// The confirmation beside a button: a live region, there (empty) from the start so that
/// screen readers announce what appears in it.
fn status(id: &'static str, said: &Said) -> Html {
    let (class, text) = match said.all.iter().find(|(at, _)| *at == id) {
        Some((_, Ok(text))) => ("action-status action-done", Some(text.clone())),
        Some((_, Err(text))) => ("action-status action-problem", Some(text.clone())),
        None => ("action-status", None),
    };
    html! { <p {id} {class} role="status" data-testid={id}>{ text }</p> }
}

#[component]
pub fn SentPage(props: &SentProps) -> Html {
    let app = use_app_state();
    let said = use_reducer(Said::default);
    // When a confirmation appears, the page scrolls just enough to show it, so that on a
    // phone it is never out of sight below its button.
    use_effect_with(said.clone(), |said| {
        if let Some(id) = said.last {
            browser::dom::scroll_into_view(id);
        }
    });
    let passphrase = use_state(String::new);
    let repeat = use_state(String::new);
    let sealed = use_state(|| None::<Result<String, String>>);
    let (collaboration, round, instrument) = match find_round(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let latest: Option<&Response> = app
        .workspace
        .responses_for(&round.id)
        .filter(|r| r.submitted.is_some())
        .max_by_key(|r| r.submitted);
    let Some(response) = latest else {
        return html! {
            <>
                <h1 tabindex="-1">{ msg::NOTHING_SENT_TITLE }</h1>
                <Link to={Route::AnswerStart { id: round.id.clone() }} classes="button">{ msg::ANSWER_ROUND }</Link>
            </>
        };
    };
    let code = encode_response_code(instrument, &round.mode, response);
    let contact = collaboration
        .invited
        .as_ref()
        .and_then(|i| i.contact.clone())
        .or_else(|| collaboration.contact.clone());
    // With an address to send to, the email is the main way and the others are the
    // alternatives below it.
    let other_way = if contact.is_some() {
        "button button-secondary"
    } else {
        "button"
    };
    let subject = msg::email_subject(&collaboration.name, &round.name);
    let copy = |text: String, id: &'static str| {
        let said = said.clone();
        Callback::from(move |_| {
            let (text, said) = (text.clone(), said.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let copied = browser::files::copy(&text).await;
                said.dispatch((
                    id,
                    if copied {
                        Ok(msg::CODE_COPIED.into())
                    } else {
                        Err(msg::COPY_YOURSELF.into())
                    },
                ))
            });
        })
    };
    // The link itself opens the email app; the page can only say what to do there.
    let opened = |id: &'static str| {
        let said = said.clone();
        Callback::from(move |_: MouseEvent| said.dispatch((id, Ok(msg::EMAIL_OPENED.into()))))
    };
    let on_download = {
        let text = response_file_json(instrument, response);
        let name = msg::response_file_name(&round.name, &round.date);
        let said = said.clone();
        Callback::from(move |_| {
            let done = match browser::files::download(&name, &text, "application/json") {
                Ok(()) => Ok(msg::answers_downloaded(&name).into()),
                Err(e) => Err(msg::download_failed(&e).into()),
            };
            said.dispatch(("file-status", done))
        })
    };
    let on_protect = {
        let (passphrase, repeat, sealed, code) =
            (passphrase.clone(), repeat.clone(), sealed.clone(), code.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if passphrase.chars().count() < 8 {
                sealed.set(Some(Err(msg::PASSPHRASE_SHORT.to_string())));
                return;
            }
            if *passphrase != *repeat {
                sealed.set(Some(Err(msg::PASSPHRASE_DIFFERENT.to_string())));
                return;
            }
            let (pass, sealed, code) = ((*passphrase).clone(), sealed.clone(), code.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match browser::crypto::seal(&pass, code.as_bytes()).await {
                    Ok(envelope) => Ok(encode_envelope(&envelope)),
                    Err(CryptoError::Unavailable) => Err(msg::CRYPTO_UNAVAILABLE.to_string()),
                    Err(e) => Err(msg::crypto_failed(&format!("{e:?}"))),
                };
                sealed.set(Some(result));
            });
        })
    };
    let answered = response.answers.len();
    // The partner map's ratings, when the round asked for them (or the response holds
    // some, given while it did).
    let others: Vec<_> = collaboration
        .partners
        .iter()
        .filter(|p| p.id != response.organisation)
        .collect();
    let rated_ties = (round.partner_map || !response.ties.is_empty())
        && collaboration
            .partners
            .iter()
            .any(|p| p.id == response.organisation);
    html! {
        <>
            <h1 tabindex="-1">{ msg::SEND_BACK_TITLE }</h1>
            <p class="lead">{ msg::send_back_lead(&collaboration.name) }</p>
            if let Some(contact) = &contact {
                <section aria-labelledby="email-heading">
                    <h2 id="email-heading">{ msg::BY_EMAIL }</h2>
                    <p>{ msg::email_how(contact) }</p>
                    <a class="button" href={mailto(contact, &subject, &msg::email_body(&code))} onclick={opened("email-status")}>{ msg::EMAIL_ANSWERS }</a>
                    { status("email-status", &said) }
                </section>
            }
            <section aria-labelledby="file-heading">
                <h2 id="file-heading">{ msg::SEND_FILE }</h2>
                <p>{ msg::SEND_FILE_HOW }</p>
                <button type="button" class={other_way} onclick={on_download}>{ msg::DOWNLOAD_FILE }</button>
                { status("file-status", &said) }
            </section>
            <section aria-labelledby="code-heading">
                <h2 id="code-heading">{ msg::SEND_CODE }</h2>
                <p>{ msg::SEND_CODE_HOW }</p>
                <label for="response-code">{ msg::YOUR_CODE }</label>
                <textarea id="response-code" rows="5" readonly=true value={code.clone()} data-testid="response-code" />
                <button type="button" class={other_way} onclick={copy(code.clone(), "code-status")}>{ msg::COPY_CODE }</button>
                { status("code-status", &said) }
            </section>
            <section aria-labelledby="protect-heading">
                <h2 id="protect-heading">{ msg::PROTECT_TITLE }</h2>
                <p>{ msg::PROTECT_HOW }</p>
                <form onsubmit={on_protect} novalidate=true>
                    <div class="field">
                        <label for="passphrase">{ msg::PASSPHRASE }</label>
                        <input id="passphrase" type="password" autocomplete="new-password" value={(*passphrase).clone()}
                            oninput={let p = passphrase.clone(); Callback::from(move |e: InputEvent| p.set(event_value(&e)))} />
                    </div>
                    <div class="field">
                        <label for="passphrase-repeat">{ msg::PASSPHRASE_REPEAT }</label>
                        <input id="passphrase-repeat" type="password" autocomplete="new-password" value={(*repeat).clone()}
                            oninput={let p = repeat.clone(); Callback::from(move |e: InputEvent| p.set(event_value(&e)))} />
                    </div>
                    <button type="submit" class="button button-secondary">{ msg::PROTECT }</button>
                </form>
                { match &*sealed {
                    Some(Ok(protected)) => html! {
                        <>
                            <label for="protected-code">{ msg::PROTECTED_CODE }</label>
                            <textarea id="protected-code" rows="5" readonly=true value={protected.clone()} data-testid="protected-code" />
                            <button type="button" class="button" onclick={copy(protected.clone(), "locked-code-status")}>{ msg::COPY_CODE }</button>
                            { status("locked-code-status", &said) }
                            if let Some(contact) = &contact {
                                <a class="button button-secondary" href={mailto(contact, &subject, &msg::email_body(protected))} onclick={opened("locked-email-status")}>{ msg::email_to(contact) }</a>
                                { status("locked-email-status", &said) }
                            }
                            <p class="notice">{ msg::SHARE_PASSPHRASE_APART }</p>
                        </>
                    },
                    Some(Err(e)) => html! { <p class="error-message" role="alert">{ e.clone() }</p> },
                    None => html! {},
                } }
            </section>
            <section aria-labelledby="what-heading">
                <h2 id="what-heading">{ msg::WHAT_YOU_SENT }</h2>
                <p data-testid="what-you-sent">
                    { msg::what_you_sent(answered, instrument.statement_count(&round.mode)) }
                    if rated_ties {
                        { format!(" {}", msg::ties_rated(others.iter().filter(|p| response.ties.contains_key(&p.id)).count(), others.len())) }
                    }
                </p>
                <details>
                    <summary>{ msg::SHOW_ANSWERS }</summary>
                    <dl class="answers-list">
                        for s in instrument.statements().iter().filter(|s| s.modes.contains(&round.mode)) {
                            <dt>{ s.text.clone() }</dt>
                            <dd>{ response.answers.get(&s.id).map_or(msg::NOT_ANSWERED.to_string(), |a| msg::answer_label(instrument, *a)) }</dd>
                        }
                    </dl>
                    if rated_ties {
                        <h3>{ msg::TIES_TITLE }</h3>
                        { ties_table(instrument, &others, &response.ties) }
                    }
                </details>
            </section>
        </>
    }
}
