import DokuSNAP
import Foundation
import KasirCore
import Prometheus
import Synchronization

/// What `kasir listen` counts, in Prometheus' text format at `/metrics`: notifications accepted,
/// refused by the check that refused them, duplicates, commit latency, DOKU calls by operation
/// and response code, and DOKU's token requests. Labels are kasir's own words, never a value
/// from a request, so a forged request cannot add series.
public final class ReceiverMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let accepted: Counter
    let duplicates: Counter
    let keptForReview: Counter
    let commit: DurationHistogram
    let lastCommit = Mutex<Date?>(nil)
    public let startedAt: Date

    public init(now: Date = Date()) {
        startedAt = now
        accepted = registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "kasir", metricName: "notifications_accepted", unitName: "total", helpText: "Notifications committed and acknowledged 2005600 (duplicates included)."))
        duplicates = registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "kasir", metricName: "notifications_duplicate", unitName: "total", helpText: "Notifications already recorded: acknowledged, nothing changed."))
        keptForReview = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "kasir", metricName: "notifications_kept_for_review", unitName: "total", helpText: "Notifications stored but not applied: unknown invoice, amount or reference mismatch."))
        commit = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "kasir", metricName: "notification_commit", unitName: "seconds", helpText: "From a verified notification to its durable commit."),
            buckets: [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1)])
        // Every refusal reason exists from the start, so a dashboard sees 0 rather than nothing.
        for check in NotificationCheck.allCases { _ = refusedCounter(check) }
    }

    func refusedCounter(_ check: NotificationCheck) -> Counter {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "kasir", metricName: "notifications_refused", unitName: "total", helpText: "Notifications refused, by the check that refused them."),
            labels: [("reason", check.rawValue.replacingOccurrences(of: " ", with: "_"))])
    }

    /// A notification committed (`record` is what recording it did) after `elapsed`.
    public func committed(_ record: NotificationRecord, elapsed: Duration, at now: Date = Date()) {
        accepted.increment()
        commit.record(elapsed)
        lastCommit.withLock { $0 = now }
        switch record {
        case .duplicate: duplicates.increment()
        case .unknownInvoice, .amountMismatch, .referenceMismatch: keptForReview.increment()
        case .applied: break
        }
    }

    public func refused(_ check: NotificationCheck) { refusedCounter(check).increment() }

    /// DOKU's token request to kasir: issued, or refused by `check`.
    public func tokenRequest(refusedBy check: NotificationCheck?) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "kasir", metricName: "token_requests", unitName: "total", helpText: "DOKU's token requests to kasir, by result."),
            labels: [("result", check.map { "refused_" + $0.rawValue.replacingOccurrences(of: " ", with: "_") } ?? "issued")]
        ).increment()
    }

    /// One call kasir made to DOKU, by operation and response code (`none` when no answer came).
    public func dokuCall(_ exchange: DokuExchange) {
        let code = exchange.responseCode?.rawValue ?? "none"
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "kasir", metricName: "doku_calls", unitName: "total", helpText: "Calls to DOKU by operation and response code."),
            labels: [("operation", exchange.operation.rawValue.replacingOccurrences(of: " ", with: "_")), ("code", code)]
        ).increment()
    }

    /// Seconds since the last notification commit (or since start, when none yet).
    public func lastCommitAge(now: Date = Date()) -> TimeInterval {
        now.timeIntervalSince(lastCommit.withLock { $0 } ?? startedAt)
    }

    public var hasCommitted: Bool { lastCommit.withLock { $0 != nil } }

    /// The text exposition format.
    public func exposition() -> String { registry.emitToString() }
}
