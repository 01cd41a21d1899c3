import Foundation
import Testing
@testable import NianbaoCore
import NianbaoTestSupport

@Suite struct FieldCatalogTests {
    @Test func catalogMatchesTheContractsFieldList() throws {
        let spec = repositoryRoot.appendingPathComponent("Tests/NianbaoCoreTests/Fixtures/fields.tsv")
        let rows = try String(contentsOf: spec, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == FieldCatalog.all.count)
        for (row, field) in zip(rows, FieldCatalog.all) {
            #expect(row[0] == field.id)
            #expect(row[3] == (field.type == .integer ? "int" : "decimal"))
            #expect(Set(row[2].split(separator: ",").map(String.init)) == Set(field.templates.map(\.rawValue)))
        }
    }

    @Test func sharedSpecIsTheFixture() throws {
        // The contract lives in ../shared/spec; where it is present, the fixture must be a faithful copy.
        let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/spec/fields.tsv")
        guard let original = try? Data(contentsOf: shared) else { return }
        let fixture = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/NianbaoCoreTests/Fixtures/fields.tsv"))
        #expect(original == fixture)
    }
}
