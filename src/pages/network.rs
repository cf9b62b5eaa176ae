//! Who met whom: officials as nodes, meetings as edges, under the timeline's [`Filter`], with a
//! deterministic layout (the same archive and filter give the same picture).
//!
//! An edge joins two officials of different sides (Libyan, European, other) who took part in
//! one meeting: two Libyan officials who received a European minister together met her, not
//! each other. Counts are counted units ([`crate::store::pages::COUNTED_UNIT`]).

use super::group_meetings;
use crate::model::{Filter, Side};
use crate::store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// An official in the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetNode {
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
    /// ISO code or `EU`, '' when unknown.
    pub country: String,
    pub side: Side,
    /// Meetings (counted units) under the filter.
    pub meetings: i64,
}

/// Two officials who met, with the meetings (timeline ids, ascending) where they did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetEdge {
    /// Indexes into [`Network::nodes`], `a < b`.
    pub a: usize,
    pub b: usize,
    /// Meetings (counted units).
    pub count: i64,
    pub meeting_ids: Vec<i64>,
}

/// The network under a filter, laid out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Network {
    /// By side (Libya, Europe, other), then key.
    pub nodes: Vec<NetNode>,
    /// By (a, b).
    pub edges: Vec<NetEdge>,
    /// One position per node, in the unit square (x right, y down), from [`layout`].
    pub positions: Vec<[f32; 2]>,
}

/// A node's identity while building: its side, then its key.
type NodeId = (Side, String);

/// The network of the meetings `filter` selects, laid out with [`layout`].
///
/// # Errors
/// Database failures only.
pub fn network(store: &Store, filter: &Filter) -> Result<Network, StoreError> {
    let rows = crate::query::timeline(store, filter)?;
    let units = crate::store::pages::meeting_units(store)?;
    let meetings = group_meetings(&rows, &units);
    let mut nodes: BTreeMap<(Side, String), (NetNode, BTreeSet<i64>)> = BTreeMap::new();
    let mut pairs: BTreeMap<(NodeId, NodeId), (BTreeSet<i64>, BTreeSet<i64>)> = BTreeMap::new();
    for m in &meetings {
        let mut here: Vec<(Side, String)> = Vec::new();
        for p in &m.participants {
            let id = (p.side, p.person.key.clone());
            let n = nodes.entry(id.clone()).or_insert_with(|| {
                (
                    NetNode {
                        key: p.person.key.clone(),
                        name_en: p.person.name_en.clone(),
                        name_ar: p.person.name_ar.clone(),
                        country: p.country.clone(),
                        side: p.side,
                        meetings: 0,
                    },
                    BTreeSet::new(),
                )
            });
            n.1.insert(m.unit);
            if !here.contains(&id) {
                here.push(id);
            }
        }
        here.sort();
        for i in 0..here.len() {
            for j in i + 1..here.len() {
                if here[i].0 == here[j].0 {
                    continue;
                }
                let e = pairs.entry((here[i].clone(), here[j].clone())).or_default();
                e.0.insert(m.unit);
                e.1.extend(&m.meeting_ids);
            }
        }
    }
    let index: BTreeMap<(Side, String), usize> = nodes
        .keys()
        .enumerate()
        .map(|(i, k)| (k.clone(), i))
        .collect();
    let nodes: Vec<NetNode> = nodes
        .into_values()
        .map(|(mut n, units)| {
            n.meetings = units.len() as i64;
            n
        })
        .collect();
    let edges: Vec<NetEdge> = pairs
        .into_iter()
        .map(|((a, b), (units, ids))| NetEdge {
            a: index[&a],
            b: index[&b],
            count: units.len() as i64,
            meeting_ids: ids.into_iter().collect(),
        })
        .collect();
    let positions = layout(&nodes, &edges);
    Ok(Network {
        nodes,
        edges,
        positions,
    })
}

/// A deterministic force-directed layout (Fruchterman–Reingold, 300 rounds with linear cooling)
/// started from a fixed arrangement: Libyan officials on the left arc of a circle, European ones
/// on the right, others at the bottom, each in key order. No randomness, a fixed order of
/// arithmetic: the same nodes and edges always give the same positions. Edges pull by the
/// number of meetings; a pull to the centre keeps separate groups close. Each axis is scaled
/// into 0.05..0.95 (the view stretches the square to its own shape).
pub fn layout(nodes: &[NetNode], edges: &[NetEdge]) -> Vec<[f32; 2]> {
    let n = nodes.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![[0.5, 0.5]];
    }
    // Starting arcs per side.
    let mut pos: Vec<[f32; 2]> = vec![[0.0, 0.0]; n];
    for (side, (from, to)) in [
        (Side::Libya, (0.6f32, 1.4f32)),
        (Side::Europe, (-0.4, 0.4)),
        (Side::Other, (0.4, 0.6)),
    ] {
        let members: Vec<usize> = (0..n).filter(|&i| nodes[i].side == side).collect();
        let k = members.len().max(1) as f32;
        for (j, &i) in members.iter().enumerate() {
            let t = from + (to - from) * (j as f32 + 0.5) / k;
            let a = t * std::f32::consts::PI;
            pos[i] = [a.cos(), a.sin()];
        }
    }
    let area = 4.0f32;
    let k = (area / n as f32).sqrt();
    let rounds = 300;
    let mut temp = 0.2f32;
    let cool = temp / rounds as f32;
    let mut disp = vec![[0.0f32; 2]; n];
    for _ in 0..rounds {
        for d in disp.iter_mut() {
            *d = [0.0, 0.0];
        }
        for i in 0..n {
            for j in i + 1..n {
                let dx = pos[i][0] - pos[j][0];
                let dy = pos[i][1] - pos[j][1];
                let dist = (dx * dx + dy * dy).sqrt().max(0.01);
                let f = k * k / dist;
                let (fx, fy) = (dx / dist * f, dy / dist * f);
                disp[i][0] += fx;
                disp[i][1] += fy;
                disp[j][0] -= fx;
                disp[j][1] -= fy;
            }
        }
        for e in edges {
            let dx = pos[e.a][0] - pos[e.b][0];
            let dy = pos[e.a][1] - pos[e.b][1];
            let dist = (dx * dx + dy * dy).sqrt().max(0.01);
            let w = 1.0 + 0.3 * (e.count as f32).ln();
            let f = dist * dist / k * w;
            let (fx, fy) = (dx / dist * f, dy / dist * f);
            disp[e.a][0] -= fx;
            disp[e.a][1] -= fy;
            disp[e.b][0] += fx;
            disp[e.b][1] += fy;
        }
        for i in 0..n {
            // Gravity towards the centre.
            disp[i][0] -= pos[i][0] * k * 4.0;
            disp[i][1] -= pos[i][1] * k * 4.0;
            let len = (disp[i][0] * disp[i][0] + disp[i][1] * disp[i][1])
                .sqrt()
                .max(1e-6);
            let step = len.min(temp);
            pos[i][0] += disp[i][0] / len * step;
            pos[i][1] += disp[i][1] / len * step;
        }
        temp = (temp - cool).max(0.001);
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in &pos {
        x0 = x0.min(p[0]);
        y0 = y0.min(p[1]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    let (w, h) = ((x1 - x0).max(1e-6), (y1 - y0).max(1e-6));
    pos.iter()
        .map(|p| [0.05 + 0.9 * (p[0] - x0) / w, 0.05 + 0.9 * (p[1] - y0) / h])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 300 officials (150 per side), each Libyan meeting five Europeans: the same input gives
    /// the same positions, all inside the unit square, no two nodes on one spot.
    #[test]
    fn three_hundred_officials_lay_out_stably() {
        let nodes: Vec<NetNode> = (0..300)
            .map(|i| NetNode {
                key: format!("p{i:03}"),
                name_en: format!("Official {i}"),
                name_ar: String::new(),
                country: String::new(),
                side: if i < 150 { Side::Libya } else { Side::Europe },
                meetings: 1 + (i % 7) as i64,
            })
            .collect();
        let edges: Vec<NetEdge> = (0..150)
            .flat_map(|a| {
                (0..5).map(move |k| NetEdge {
                    a,
                    b: 150 + (a * 7 + k * 31) % 150,
                    count: 1 + k as i64,
                    meeting_ids: vec![a as i64],
                })
            })
            .collect();
        let one = layout(&nodes, &edges);
        assert_eq!(one, layout(&nodes, &edges));
        assert_eq!(one.len(), 300);
        assert!(
            one.iter()
                .all(|p| (0.049..=0.951).contains(&p[0]) && (0.049..=0.951).contains(&p[1]))
        );
        for i in 0..300 {
            for j in i + 1..300 {
                let d = ((one[i][0] - one[j][0]).powi(2) + (one[i][1] - one[j][1]).powi(2)).sqrt();
                assert!(d > 1e-4, "{i} and {j} overlap");
            }
        }
    }
}
