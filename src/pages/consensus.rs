//! The consensus record: what the group agreed for each domain (level, rationale,
//! evidence), shown beside the group's answers and the earlier round's agreement.
//! Each field is saved as it changes.

use trellis_core::analysis::{GroupLevel, MIN_GROUP};
use trellis_core::scoring::format_score;
use yew::prelude::*;

use crate::browser::dom::event_value;
use crate::components::markup::hint;
use crate::messages as msg;
use crate::pages::{find_analysed_round, use_round_analysis};
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct ConsensusProps {
    pub id: AttrValue,
}

#[component]
pub fn ConsensusPage(props: &ConsensusProps) -> Html {
    let app = use_app_state();
    // The group's view per topic (levels and spread, which targets do not change), shared
    // with the other pages of the round.
    let analysis = use_round_analysis(&app, &props.id, MIN_GROUP);
    let ((collaboration, round, instrument), analysis) = match find_analysed_round(&app, &props.id, analysis)
    {
        Ok(found) => found,
        Err(page) => return page,
    };
    let earlier = app.workspace.previous_round(&round.id);
    let level_label = |l: u8| {
        instrument
            .levels()
            .get(usize::from(l) - 1)
            .map_or(format!("{l}"), |x| msg::level_name(l, &x.name))
    };
    let domains = analysis.domains.iter().map(|d| {
        let title = instrument.domain(&d.domain).map_or(d.domain.clone(), |x| x.title.clone());
        let current = round.consensus.get(&d.domain).cloned();
        let (level, rationale, evidence) = current
            .as_ref()
            .map_or((None, String::new(), String::new()), |c| (c.level, c.rationale.clone(), c.evidence.clone()));
        let save = {
            let (app, round_id, domain) = (app.clone(), round.id.clone(), d.domain.clone());
            move |level: Option<u8>, rationale: String, evidence: String| {
                app.set_consensus(&round_id, &domain, level, rationale, evidence)
            }
        };
        let group_level = match d.level {
            GroupLevel::Chosen(l) | GroupLevel::FromScores(l) => level_label(l),
            GroupLevel::Uncertain => msg::UNCERTAIN.to_string(),
            GroupLevel::Unknown => "–".to_string(),
        };
        let spread = d.stats.as_ref().map_or(msg::NOT_ENOUGH_ANSWERS.to_string(), |s| {
            msg::score_spread(&format_score(s.mean), &format_score(s.q1), &format_score(s.q3))
        });
        let before = earlier.and_then(|e| e.consensus.get(&d.domain).map(|c| (e, c)));
        let stem = format!("consensus-{}", d.domain);
        // A readiness topic is in place or not; it has no levels to agree or aim for, so
        // the group records only its reasons and evidence.
        let readiness = instrument.is_readiness(&d.domain);
        let target = round.targets.get(&d.domain).copied();
        let on_target = {
            let (app, round_id, domain) = (app.clone(), round.id.clone(), d.domain.clone());
            Callback::from(move |e: Event| app.set_target(&round_id, &domain, event_value(&e).parse().ok()))
        };
        let on_level = |l: Option<u8>| {
            let (save, rationale, evidence) = (save.clone(), rationale.clone(), evidence.clone());
            Callback::from(move |_: Event| save(l, rationale.clone(), evidence.clone()))
        };
        let on_rationale = {
            let (save, evidence) = (save.clone(), evidence.clone());
            Callback::from(move |e: InputEvent| save(level, event_value(&e), evidence.clone()))
        };
        let on_evidence = {
            let (save, rationale) = (save.clone(), rationale.clone());
            Callback::from(move |e: InputEvent| save(level, rationale.clone(), event_value(&e)))
        };
        html! {
            <section class="consensus-domain" aria-labelledby={format!("{stem}-heading")} data-testid={stem.clone()}>
                <h2 id={format!("{stem}-heading")}>{ title }</h2>
                if readiness {
                    <p class="meta">{ spread.clone() }</p>
                } else {
                    <p class="meta">{ msg::group_view(&group_level, &spread) }</p>
                }
                if let Some((e, c)) = before {
                    <p class="notice" data-testid={format!("{stem}-earlier")}>
                        { msg::earlier_consensus(&e.name, &c.level.map_or("–".to_string(), level_label), &c.rationale) }
                    </p>
                }
                if !readiness {
                    <fieldset class="field">
                        <legend>{ msg::AGREED_LEVEL }</legend>
                        for (i, l) in instrument.levels().iter().enumerate() {
                            <div class="choice-block">
                                <input type="radio" id={format!("{stem}-{}", i + 1)} name={stem.clone()}
                                    checked={level == Some(l.level)} onchange={on_level(Some(l.level))} />
                                <label for={format!("{stem}-{}", i + 1)}>{ level_label(l.level) }</label>
                            </div>
                        }
                        <div class="choice-block">
                            <input type="radio" id={format!("{stem}-none")} name={stem.clone()}
                                checked={level.is_none()} onchange={on_level(None)} />
                            <label for={format!("{stem}-none")}>{ msg::NOT_AGREED }</label>
                        </div>
                    </fieldset>
                    <div class="field">
                        <label for={format!("{stem}-target")}>{ msg::TARGET_LEVEL }</label>
                        <select id={format!("{stem}-target")} onchange={on_target}>
                            <option value="" selected={target.is_none()}>{ msg::NO_TARGET }</option>
                            for l in instrument.levels().iter() {
                                <option value={l.level.to_string()} selected={target == Some(l.level)}>{ level_label(l.level) }</option>
                            }
                        </select>
                    </div>
                }
                <div class="field">
                    <label for={format!("{stem}-rationale")}>{ msg::RATIONALE }</label>
                    <textarea id={format!("{stem}-rationale")} rows="3" value={rationale.clone()} oninput={on_rationale} />
                </div>
                <div class="field">
                    <label for={format!("{stem}-evidence")}>{ msg::EVIDENCE }</label>
                    <textarea id={format!("{stem}-evidence")} rows="3" value={evidence.clone()} oninput={on_evidence} />
                </div>
            </section>
        }
    });
    html! {
        <>
            <p class="breadcrumb"><Link to={Route::Results { id: round.id.clone() }}>{ msg::results_title(&round.name) }</Link></p>
            <h1 tabindex="-1">{ msg::consensus_title(&round.name) }</h1>
            <p class="lead">{ msg::CONSENSUS_LEAD }</p>
            { hint(msg::CONTEXT_SAVED) }
            if let Some(n) = app.notice.clone() {
                <p class="notice notice-warning" role="alert">{ n }</p>
            }
            <form onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>{ for domains }</form>
            <crate::pages::shared::SharedFile id={collaboration.id.clone()} only_linked=true />
            <p><Link to={Route::Results { id: round.id.clone() }} classes="button">{ msg::DONE }</Link></p>
        </>
    }
}
