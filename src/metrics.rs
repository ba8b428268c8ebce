//! Request counts and latencies by route and status, in Prometheus text format.
use std::{collections::BTreeMap, fmt::Write, sync::Mutex, time::Duration};

const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// A value read at scrape time, with optional label sets (`{state="queued"}`).
pub struct Gauge {
    pub name: &'static str,
    pub help: &'static str,
    pub samples: Vec<(String, f64)>,
}

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// A route's series by (method, status).
type ByRoute = BTreeMap<(&'static str, u16), Series>;

#[derive(Default)]
pub struct Metrics {
    /// By route, then (method, status): a request finds its series without allocating.
    http: Mutex<BTreeMap<String, ByRoute>>,
    counters: Mutex<BTreeMap<(&'static str, &'static str), u64>>,
}

impl Metrics {
    pub fn observe(&self, method: &'static str, route: &str, status: u16, elapsed: Duration) {
        let secs = elapsed.as_secs_f64();
        let mut map = self.http.lock().unwrap_or_else(|p| p.into_inner());
        if !map.contains_key(route) {
            map.insert(route.to_string(), ByRoute::new());
        }
        let s = map
            .get_mut(route)
            .expect("inserted above")
            .entry((method, status))
            .or_default();
        s.count += 1;
        s.sum += secs;
        for (i, le) in BUCKETS.iter().enumerate() {
            if secs <= *le {
                s.buckets[i] += 1;
            }
        }
    }

    /// Adds one to counter `name` with label `outcome`.
    pub fn count(&self, name: &'static str, outcome: &'static str) {
        let mut map = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        *map.entry((name, outcome)).or_default() += 1;
    }

    /// Renders every series, plus the gauges passed in (`name`, help, value).
    pub fn render(&self, gauges: &[Gauge]) -> String {
        let mut out = String::new();
        let map = self.http.lock().unwrap_or_else(|p| p.into_inner());
        out.push_str("# HELP cuakhau_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE cuakhau_http_requests_total counter\n");
        let series = || {
            map.iter()
                .flat_map(|(r, by)| by.iter().map(move |((m, st), s)| (*m, r, *st, s)))
        };
        for (m, r, st, s) in series() {
            let _ = writeln!(
                out,
                "cuakhau_http_requests_total{{method=\"{m}\",route=\"{r}\",status=\"{st}\"}} {}",
                s.count
            );
        }
        out.push_str("# HELP cuakhau_http_request_duration_seconds HTTP request latency.\n");
        out.push_str("# TYPE cuakhau_http_request_duration_seconds histogram\n");
        for (m, r, st, s) in series() {
            let labels = format!("method=\"{m}\",route=\"{r}\",status=\"{st}\"");
            for (i, le) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "cuakhau_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "cuakhau_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "cuakhau_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "cuakhau_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        let counters = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        let mut last = "";
        for ((name, outcome), value) in counters.iter() {
            if *name != last {
                let _ = writeln!(out, "# TYPE {name} counter");
                last = name;
            }
            let _ = writeln!(out, "{name}{{outcome=\"{outcome}\"}} {value}");
        }
        for g in gauges {
            let _ = writeln!(out, "# HELP {} {}\n# TYPE {} gauge", g.name, g.help, g.name);
            for (labels, value) in &g.samples {
                let _ = writeln!(out, "{}{labels} {value}", g.name);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_buckets_by_route_and_status() {
        let m = Metrics::default();
        m.observe("GET", "/v1/me", 200, Duration::from_millis(3));
        m.observe("GET", "/v1/me", 200, Duration::from_millis(300));
        m.observe("GET", "/v1/me", 401, Duration::from_millis(1));
        let text = m.render(&[Gauge {
            name: "cuakhau_outbox_messages",
            help: "SMS by state.",
            samples: vec![
                ("{state=\"queued\"}".into(), 4.0),
                ("{state=\"sent\"}".into(), 2.0),
            ],
        }]);
        assert!(text.contains(
            "cuakhau_http_requests_total{method=\"GET\",route=\"/v1/me\",status=\"200\"} 2"
        ));
        assert!(text.contains(
            "cuakhau_http_requests_total{method=\"GET\",route=\"/v1/me\",status=\"401\"} 1"
        ));
        assert!(text.contains("route=\"/v1/me\",status=\"200\",le=\"0.005\"} 1"));
        assert!(text.contains("route=\"/v1/me\",status=\"200\",le=\"0.5\"} 2"));
        assert!(text.contains("cuakhau_outbox_messages{state=\"queued\"} 4"));
        assert_eq!(
            text.matches("# TYPE cuakhau_outbox_messages gauge").count(),
            1
        );
    }
}
