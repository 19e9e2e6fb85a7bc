import Foundation

// `make bench`: kasir's benchmarks, in a release build. Sections: signing, ingest, shop, ui, store, console.
// `kasir-bench` runs them all; `kasir-bench ingest` runs one. Unknown words are refused.

let arguments = Set(CommandLine.arguments.dropFirst())
let sections = arguments.filter { !$0.hasPrefix("--") }
func wanted(_ name: String) -> Bool { sections.isEmpty || sections.contains(name) }

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "console-measure" {
    try await consoleMeasure(path: CommandLine.arguments[2])
    exit(0)
}

if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "httpfloor" {
    try await httpFloor()
    exit(0)
}

if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "console-watch", let count = Int(CommandLine.arguments[3]) {
    try await consoleWatch(location: CommandLine.arguments[2], count: count)
    exit(0)
}

let known: Set = ["signing", "ingest", "ui", "store", "console", "shop"]
let knownOptions = ["--parts", "--small", "--in-flight=", "--notifications=", "--wrk-connections=", "--wrk-only", "--scheme=", "--synchronous=", "--store="]
let unknown = sections.subtracting(known)
    .union(arguments.filter { word in word.hasPrefix("--") && !knownOptions.contains { word == $0 || ($0.hasSuffix("=") && word.hasPrefix($0)) } })
if !unknown.isEmpty {
    print("kasir-bench: unknown \(unknown.sorted().joined(separator: ", "))")
    print(
        "usage: kasir-bench [signing] [ingest] [ui] [store] [console] [shop] [--parts] [--small] [--in-flight=N] [--notifications=N] [--wrk-connections=N] [--wrk-only] [--scheme=symmetric|asymmetric] [--synchronous=full|normal] [--store=sqlite|postgres]"
    )
    exit(2)
}

print("kasir-bench — \(ProcessInfo.processInfo.activeProcessorCount) cores visible")
print("command: swift build -c release --product kasir-bench && .build/release/kasir-bench \(CommandLine.arguments.dropFirst().joined(separator: " "))")
print("")
if wanted("signing") { try signingBench(parts: arguments.contains("--parts")) }
if wanted("ingest") {
    // `--in-flight=N` and `--notifications=N` change the Swift client's run (default 32 and 4,000),
    // `--wrk-connections=N` wrk's (default 32).
    func option(_ name: String) -> Int? {
        guard let word = arguments.first(where: { $0.hasPrefix("--\(name)=") }) else { return nil }
        guard let value = Int(word.dropFirst(name.count + 3)), value > 0 else {
            print("kasir-bench: \(word): give a whole number above 0, e.g. --\(name)=64")
            exit(2)
        }
        return value
    }
    func choice(_ name: String, _ allowed: [String]) -> String? {
        guard let word = arguments.first(where: { $0.hasPrefix("--\(name)=") }) else { return nil }
        let value = String(word.dropFirst(name.count + 3))
        guard allowed.contains(value) else {
            print("kasir-bench: \(word): give one of \(allowed.joined(separator: ", "))")
            exit(2)
        }
        return value
    }
    // `--wrk-only` skips the Swift client's runs; `--scheme=` and `--synchronous=` pick wrk runs.
    try await ingestBench(
        count: option("notifications") ?? 4_000, concurrency: option("in-flight") ?? 32, wrkConnections: option("wrk-connections") ?? 32,
        wrkOnly: arguments.contains("--wrk-only"), scheme: choice("scheme", ["symmetric", "asymmetric"]), synchronous: choice("synchronous", ["full", "normal"]),
        store: choice("store", ["sqlite", "postgres"]))
}
if wanted("shop") {
    let store = arguments.first { $0.hasPrefix("--store=") }.map { String($0.dropFirst(8)) }
    guard store == nil || store == "sqlite" || store == "postgres" else {
        print("kasir-bench: --store=\(store ?? ""): give one of sqlite, postgres")
        exit(2)
    }
    try await shopBench(store: store)
}
if wanted("ui") { uiBench() }
if wanted("store") { try await storeBench(invoices: arguments.contains("--small") ? 100_000 : 1_000_000) }
if wanted("console") { try await consoleBench(invoices: arguments.contains("--small") ? 100_000 : 1_000_000) }
