//! A horizontal bar chart drawn from geometry computed in trellis-core, with its text
//! alternative; the numbers are also given in a table by the page that uses it.

use trellis_core::chart::{BarChart, BAR_HEIGHT, LINE_HEIGHT};
use yew::prelude::*;

use crate::components::charts::{label_text, pct, px};

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    /// Unique stem for the title and description ids.
    pub id: AttrValue,
    pub title: AttrValue,
    /// A sentence describing what the chart shows, read by screen readers.
    pub description: AttrValue,
    pub chart: BarChart,
}

/// The chart is as wide as its column: horizontal positions are percentages, so its
/// text keeps its size on any screen and in print.
#[component]
pub fn BarChartView(props: &BarChartProps) -> Html {
    let c = &props.chart;
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    let ticks = c.ticks.iter().map(|t| {
        html! {
            <g class="tick">
                <line x1={pct(t.x)} x2={pct(t.x)} y1="0" y2={px(c.grid_bottom)} />
                <text x={pct(t.x)} y={px(c.tick_y)} text-anchor={t.anchor}>{ t.label.clone() }</text>
            </g>
        }
    });
    let bars = c.bars.iter().map(|b| {
        html! {
            <g class="bar">
                { label_text("bar-label", &b.row.lines, ("0", b.row.label_y), LINE_HEIGHT, "start") }
                if let Some(end) = b.end {
                    <rect class="bar-fill" x="0" y={px(b.row.bar_y)} width={pct(end.max(0.004))} height={px(BAR_HEIGHT)} />
                }
                <text class="bar-value" x={pct(b.end.unwrap_or(0.0))} dx={if b.end.is_some() { "6" } else { "0" }} y={px(b.value_y)}>
                    { b.value_text.clone() }
                </text>
            </g>
        }
    });
    html! {
        <figure class="chart">
            <svg
                width="100%"
                height={px(c.height)}
                role="img"
                aria-labelledby={format!("{title_id} {desc_id}")}
                data-testid={format!("{}-svg", props.id)}
            >
                <title id={title_id}>{ props.title.clone() }</title>
                <desc id={desc_id}>{ props.description.clone() }</desc>
                { for ticks }
                { for bars }
            </svg>
        </figure>
    }
}
