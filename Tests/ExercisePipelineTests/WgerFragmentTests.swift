import ExerciseModel
import Foundation
@testable import ExercisePipeline
import Testing

/// wger keeps exercise descriptions as HTML fragments (no <html>, no title) in its database: the
/// 872 English ones must all convert, with steps wherever the fragment holds a list.
@Suite struct WgerFragmentTests {
    struct Row: Decodable {
        struct Fields: Decodable {
            var description: String?
            var name: String?
            var language: Int?
        }
        var model: String
        var pk: Int
        var fields: Fields
    }

    @Test func englishDescriptionsConvertWithTheirSteps() throws {
        let rows = try JSONDecoder().decode([Row].self, from: Data(contentsOf: Support.shared.appendingPathComponent("corpus/wger/translations.json")))
        let english = rows.filter { $0.model == "exercises.translation" && $0.fields.language == 2 }
        #expect(english.count == 872)

        let converter = Support.converter
        var converted = 0, empty = 0, withList = 0, withListAndSteps = 0, withSteps = 0, totalSteps = 0
        var missed: [Int] = []
        for row in english {
            let html = row.fields.description ?? ""
            let result = converter.convert(bytes: Array(html.utf8), path: "wger/\(row.pk).html", format: "html", defaultName: row.fields.name)
            let hasList = html.range(of: "<li", options: .caseInsensitive) != nil
            if html.allSatisfy(\.isWhitespace) { empty += 1 }
            if hasList { withList += 1 }
            guard let record = result.record else {
                if !html.allSatisfy(\.isWhitespace) { print("wger \(row.pk): \(result.diagnostics.map(\.formatted))") }
                continue
            }
            converted += 1
            if !record.steps.isEmpty { withSteps += 1; totalSteps += record.steps.count }
            if hasList {
                if record.steps.isEmpty { missed.append(row.pk) } else { withListAndSteps += 1 }
            }
        }
        print("wger: \(english.count) English descriptions, \(empty) empty; \(converted) converted; \(withList) hold a list, steps extracted from \(withListAndSteps); \(withSteps) records with steps, \(totalSteps) steps in all; missed: \(missed.prefix(10))")
        // Every description with text converts; the empty ones are reported as empty files.
        #expect(converted == english.count - empty)
        #expect(withListAndSteps == withList, "fragments with a list but no steps: \(missed)")
    }
}
