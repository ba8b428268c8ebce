//! Logging: human-readable by default, JSON lines in production. Request ids come from
//! `tracing-actix-web`'s span around every request.
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use crate::config::{Config, LogFormat};

pub fn init(config: &Config) {
    let filter =
        EnvFilter::try_from_env("RUST_LOG").unwrap_or_else(|_| EnvFilter::new(&config.log_level));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match config.log_format {
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true),
            )
            .try_init(),
        LogFormat::Text => registry.with(fmt::layer().with_target(false)).try_init(),
    };
    // A second init (tests) is harmless.
    let _ = result;
}

/// The span around every request: method, route, path — never the query string, which
/// may carry a webhook token (Kannel's `token=`) or a report's secret.
pub struct RequestSpan;

/// The route pattern of a request (`/v1/workers/{id}`), found once when its span opens
/// (finding it walks the whole route table) and read again by the metrics.
#[derive(Clone)]
pub struct RoutePattern(pub std::sync::Arc<str>);

/// Paths seen lately on this thread and their patterns (finding one walks the route
/// table). Paths with ids in them are many, so the memo starts over when full.
const PATTERNS_KEPT: usize = 4096;

thread_local! {
    static PATTERNS: std::cell::RefCell<
        std::collections::HashMap<String, std::sync::Arc<str>>,
    > = Default::default();
}

fn pattern_of(request: &actix_web::dev::ServiceRequest) -> std::sync::Arc<str> {
    let path = request.path();
    if let Some(kept) = PATTERNS.with(|p| p.borrow().get(path).cloned()) {
        return kept;
    }
    let pattern: std::sync::Arc<str> = request.match_pattern().unwrap_or_default().into();
    PATTERNS.with(|p| {
        let mut p = p.borrow_mut();
        if p.len() >= PATTERNS_KEPT {
            p.clear();
        }
        p.insert(path.to_string(), pattern.clone());
    });
    pattern
}

impl tracing_actix_web::RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &actix_web::dev::ServiceRequest) -> tracing::Span {
        let route = pattern_of(request);
        actix_web::HttpMessage::extensions_mut(request).insert(RoutePattern(route.clone()));
        // Formatted only if the span is recorded (not at the default `warn`).
        let request_id = actix_web::HttpMessage::extensions(request)
            .get::<tracing_actix_web::RequestId>()
            .map(|id| uuid::Uuid::from(*id))
            .unwrap_or_default();
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.target = %request.path(),
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
            request_id = %request_id,
        )
    }

    fn on_request_end<B: actix_web::body::MessageBody>(
        span: tracing::Span,
        outcome: &Result<actix_web::dev::ServiceResponse<B>, actix_web::Error>,
    ) {
        tracing_actix_web::DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

#[cfg(test)]
mod tests {
    use tracing_actix_web::RootSpanBuilder;

    use super::*;

    /// Collects every field value recorded on spans.
    #[derive(Clone, Default)]
    struct Fields(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

    impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Fields {
        fn on_new_span(
            &self,
            attrs: &tracing::span::Attributes<'_>,
            _: &tracing::span::Id,
            _: tracing_subscriber::layer::Context<'_, S>,
        ) {
            struct V<'a>(&'a mut Vec<String>);
            impl tracing::field::Visit for V<'_> {
                fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
                    self.0.push(format!("{}={v:?}", f.name()));
                }
            }
            attrs.record(&mut V(&mut self.0.lock().unwrap()));
        }
    }

    #[test]
    fn the_request_span_never_holds_the_query_string() {
        let fields = Fields::default();
        let subscriber = tracing_subscriber::registry().with(fields.clone());
        tracing::subscriber::with_default(subscriber, || {
            let req = actix_web::test::TestRequest::get()
                .uri("/v1/webhooks/kannel/mo?from=%2B849&token=s3cret-token")
                .to_srv_request();
            let _span = RequestSpan::on_request_start(&req);
        });
        let seen = fields.0.lock().unwrap().join(" ");
        assert!(seen.contains("/v1/webhooks/kannel/mo"), "{seen}");
        assert!(!seen.contains("s3cret-token"), "{seen}");
    }
}
