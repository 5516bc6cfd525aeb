import Foundation
@testable import ExercisePipeline
import Testing

/// `run --shard K/N` on several machines, then `merge`: byte for byte the output of one run.
@Suite struct ShardTests {
    /// The bundled pages, plus two that share a name (ids made unique across shards) and one
    /// holding two exercises, so the merge has real work to do.
    static func makeSite() throws -> URL {
        let dir = try Support.temporaryDirectory()
        let pages = dir.appendingPathComponent("pages")
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("input"), to: pages)
        let twin = "# Goblet Squat\n\nAnother page with the same name.\n\n## Steps\n\n1. Squat.\n"
        try FileManager.default.createDirectory(at: pages.appendingPathComponent("more"), withIntermediateDirectories: true)
        try twin.write(to: pages.appendingPathComponent("more/goblet-squat.md"), atomically: true, encoding: .utf8)
        try twin.write(to: pages.appendingPathComponent("more/goblet-squat-again.md"), atomically: true, encoding: .utf8)
        let guide = "# Guide\n\n## Moves\n\n### Squat\n\n#### Steps\n\n1. Sit.\n\n### Lunge\n\n#### Steps\n\n1. Step.\n"
        try guide.write(to: pages.appendingPathComponent("more/guide.md"), atomically: true, encoding: .utf8)
        try Support.writeBundledConfig(into: dir, input: "pages")
        return dir
    }

    @Test func fourShardsWithGNUParallelMergeToOneRunsBytes() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let config = site.appendingPathComponent("pipeline.json").path
        let one = try Support.run(Support.cli, ["run", "--config", config, "--output", site.appendingPathComponent("one").path, "-q"])
        #expect(one.status == 0, "\(one.stderr)")
        // The README's recipe, as written there.
        let parallel = try Support.run("/usr/bin/env", ["parallel", Support.cli + " run --config " + config + " --shard {}/4 --output " + site.path + "/part-{} -q", ":::", "1", "2", "3", "4"])
        #expect(parallel.status == 0, "\(parallel.stderr)")
        let parts = (1...4).map { site.appendingPathComponent("part-\($0)").path }
        let merged = try Support.run(Support.cli, ["merge", "--config", config, "--output", site.appendingPathComponent("merged").path, "-q"] + parts)
        #expect(merged.status == 0, "\(merged.stderr)")
        let a = try Support.snapshot(site.appendingPathComponent("one")), b = try Support.snapshot(site.appendingPathComponent("merged"))
        #expect(a.keys.sorted() == b.keys.sorted())
        for key in a.keys.sorted() { #expect(a[key] == b[key], "\(key) differs") }
        // The shards did split the work, and the ids were made unique across them.
        let shardCounts = try (1...4).map { k in
            try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("part-\(k)/.exercise-pipeline/shard.json"))) as! [String: Any]
        }.map { ($0["pages"] as? [Any])?.count ?? -1 }
        #expect(shardCounts.filter { $0 > 0 }.count >= 3 && shardCounts.reduce(0, +) == 14)
        #expect(a["json/goblet-squat-2.json"] != nil && a["json/goblet-squat-3.json"] != nil)
    }

    @Test func mergeNeedsEveryShardOnce() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let config = site.appendingPathComponent("pipeline.json").path
        for k in [1, 3] {
            _ = try Support.run(Support.cli, ["run", "--config", config, "--shard", "\(k)/3", "--output", site.path + "/part-\(k)", "-q"])
        }
        let merged = try Support.run(Support.cli, ["merge", "--config", config, "--output", site.path + "/merged", site.path + "/part-1", site.path + "/part-3"])
        #expect(merged.status == 64)
        #expect(merged.stderr.contains("the parts are shards 1, 3 of 3; every shard 1…3 is needed, once"))
        let bad = try Support.run(Support.cli, ["run", "--config", config, "--shard", "4/3", "--output", site.path + "/x"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--shard takes K/N with 1 ≤ K ≤ N"))
        // A part that is not there is named, before any pipeline.json is looked for.
        let missing = try Support.run(Support.cli, ["merge", "--output", site.path + "/merged", site.path + "/part-9"], cwd: site)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("\(site.path)/part-9: no such folder; give each shard's --output folder (run --shard K/N --output PART)"), "\(missing.stderr)")
    }
}
