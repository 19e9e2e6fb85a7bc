import Foundation

/// Runs `body` repeatedly for `seconds` and returns operations per second.
@discardableResult
func measure(_ name: String, seconds: Double = 2.0, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<100 { try body() }
    let clock = ContinuousClock()
    var operations = 0
    let start = clock.now
    var elapsed: Duration = .zero
    let limit = Duration.milliseconds(Int(seconds * 1000))
    while elapsed < limit {
        for _ in 0..<64 { try body() }
        operations += 64
        elapsed = clock.now - start
    }
    let perSecond = Double(operations) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    let perOp = 1e6 / perSecond
    print(String(format: "%-44@ %12.0f ops/s  %9.2f µs/op  (%d ops)", name as NSString, perSecond, perOp, operations))
    return perSecond
}


/// Percentiles of a list of durations in milliseconds.
func percentiles(_ samples: [Double]) -> (p50: Double, p90: Double, p99: Double, max: Double) {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return (0, 0, 0, 0) }
    func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * q))] }
    return (at(0.5), at(0.9), at(0.99), sorted.last!)
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// CPU time (user + system) this process has used so far, in seconds: per notification it shows
/// what the receiver costs, which varies far less than throughput on a shared machine.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
