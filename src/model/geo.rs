//! Distances between places of the gazetteer (`assets/gazetteer/places.toml` gives WGS 84
//! latitude and longitude in degrees).

/// Mean Earth radius in km (IUGG), the sphere the haversine formula assumes.
const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle distance in km between (`lat1`, `lon1`) and (`lat2`, `lon2`), in degrees, by
/// the haversine formula on a sphere (error under 0.5 % against the ellipsoid, which is plenty
/// for "the same site": Tripoli to its Mitiga airport is about 8 km).
pub fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::great_circle_km;

    #[test]
    fn tripoli_to_rome_and_to_itself() {
        // Tripoli (32.8872 N, 13.1913 E) to Rome (41.9028 N, 12.4964 E): about 1,004 km.
        let d = great_circle_km(32.8872, 13.1913, 41.9028, 12.4964);
        assert!((1000.0..1010.0).contains(&d), "{d}");
        assert_eq!(great_circle_km(32.8872, 13.1913, 32.8872, 13.1913), 0.0);
    }
}
