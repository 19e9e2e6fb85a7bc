import Foundation

// `make bench`: kasir's benchmarks, in a release build. Sections: signing, ingest, ui, store, console.
// `kasir-bench` runs them all; `kasir-bench ingest` runs one.

let arguments = Set(CommandLine.arguments.dropFirst())
let sections = arguments.filter { !$0.hasPrefix("--") }
func wanted(_ name: String) -> Bool { sections.isEmpty || sections.contains(name) }

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "console-measure" {
    try await consoleMeasure(path: CommandLine.arguments[2])
    exit(0)
}

print("kasir-bench — \(ProcessInfo.processInfo.activeProcessorCount) cores visible")
print("command: swift build -c release --product kasir-bench && .build/release/kasir-bench \(CommandLine.arguments.dropFirst().joined(separator: " "))")
print("")
if wanted("signing") { try signingBench(parts: arguments.contains("--parts")) }
if wanted("ingest") { try await ingestBench() }
if wanted("ui") { uiBench() }
if wanted("store") { try await storeBench(invoices: arguments.contains("--small") ? 100_000 : 1_000_000) }
if wanted("console") { try await consoleBench(invoices: arguments.contains("--small") ? 100_000 : 1_000_000) }
