//! GeoJSON (RFC 7946): one FeatureCollection, one Feature per meeting whose place has coordinates.
//!
//! Each feature is a Point with coordinates `[longitude, latitude]` (RFC 7946 §3.1.1: longitude
//! first, WGS 84), the meeting id as the feature `id`, and flat properties (the CSV columns plus
//! `id` and `title`) so GIS tools such as QGIS show them as attribute columns. Meetings without a
//! place, or whose place has no coordinates in the lookup, are counted in
//! [`ExportSummary::skipped_without_coordinates`]. UTF-8, no byte-order mark (RFC 7946 §11.1).

use super::csv::FlatMeeting;
use super::labels;
use super::{ExportError, ExportLookup, ExportSummary};
use crate::query::TimelineMeeting;
use ::geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue, feature::Id};
use std::io::Write;

/// Writes the FeatureCollection, pretty-printed, followed by a newline.
pub(super) fn write(
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    out: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), ExportError> {
    let mut features = Vec::new();
    for m in rows {
        let coords = m
            .place
            .as_ref()
            .and_then(|p| lookup.coordinates(&p.key))
            .filter(|c| c.lat.is_finite() && c.lon.is_finite());
        let Some(c) = coords else {
            summary.skipped_without_coordinates += 1;
            continue;
        };
        let mut properties = JsonObject::new();
        properties.insert("id".into(), JsonValue::from(m.id));
        properties.insert("title".into(), JsonValue::from(labels::meeting_title(m)));
        if let JsonValue::Object(flat) = serde_json::to_value(FlatMeeting::new(m, lookup))? {
            properties.extend(flat);
            // A JSON value holds f64: widen the f32 through its shortest decimal (0.65, not
            // 0.6499999761581421), as the CSV and JSON exports write it.
            if let Ok(c) = m.confidence.to_string().parse::<f64>() {
                properties.insert("confidence".into(), JsonValue::from(c));
            }
        }
        features.push(Feature {
            bbox: None,
            geometry: Some(Geometry::new_point([c.lon, c.lat])),
            id: Some(Id::Number(m.id.into())),
            properties: Some(properties),
            foreign_members: None,
        });
        summary.written += 1;
    }
    let collection = FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    };
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    out.write_all(b"\n")?;
    Ok(())
}
