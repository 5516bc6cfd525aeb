// Normalizing 1,000,000 taxonomy terms: the labels of the four public datasets' vocabularies (the
// crosswalk lists, as real pages write them) cycled to the count, each resolved through the full
// matching chain (no cache). Prints the median of the runs. Run in release mode:
//   swift run -c release taxonomy-benchmark [COUNT] [RUNS]
import Dispatch
import ExerciseTaxonomy

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

guard case .success(let taxonomy) = Taxonomy.shared, let crosswalk = taxonomy.crosswalk else {
    fatalError("the built-in taxonomy did not load")
}
var labels: [(TaxonomyKind, String)] = []
for dataset in crosswalk.datasets {
    for (kind, values) in crosswalk.sources[dataset] ?? [:] {
        for value in values { labels.append((kind, value)) }
    }
}
labels.sort { ($0.0.rawValue, $0.1) < ($1.0.rawValue, $1.1) }
let terms = (0..<count).map { labels[$0 % labels.count] }

var seconds: [Double] = []
var resolved = 0
for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    var n = 0
    for (kind, label) in terms where !taxonomy[kind].resolve(label).matches.isEmpty { n += 1 }
    seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    resolved = n
}
seconds.sort()
let median = seconds[seconds.count / 2]
print("terms: \(count) (\(labels.count) distinct labels), resolved: \(resolved), runs: \(runs)")
print("median: \(String(format: "%.3f", median)) s, \(String(format: "%.0f", Double(count) / median)) terms/s; all runs: \(seconds.map { String(format: "%.3f", $0) }.joined(separator: " "))")
