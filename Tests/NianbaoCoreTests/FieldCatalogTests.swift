import Foundation
import NianbaoTestSupport
import Testing

@testable import NianbaoCore

/// Pipelines/fields.tsv is the field catalogue's one source; the Swift table is generated from it
/// (Scripts/generate_field_catalog.py). These tests prove the two still agree.
@Suite struct FieldCatalogTests {
    static let source = repositoryFile("Pipelines/fields.tsv")

    @Test func theCodebookPrintsAsFieldsTSV() throws {
        #expect(FieldCatalog.tsv == (try String(contentsOf: Self.source, encoding: .utf8)))
    }

    @Test func theSwiftTableIsTheFieldListRowForRow() throws {
        let lines = try String(contentsOf: Self.source, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "id\tsection\ttemplates\ttype\tlabel")
        let rows = lines.dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.count == FieldCatalog.all.count)
        for (row, field) in zip(rows, FieldCatalog.all) {
            try #require(row.count == 5, "\(row)")
            #expect(row[0] == field.id)
            #expect(Int(row[1]) == field.section, "\(field.id): section")
            let templates = row[2].split(separator: ",").map { Template(rawValue: String($0)) }
            #expect(
                templates.count == field.templates.count && Set(templates.compactMap { $0 }) == field.templates,
                "\(field.id): templates")
            #expect(row[3] == (field.type == .integer ? "int" : "decimal"), "\(field.id): type")
            #expect(row[4] == field.label, "\(field.id): label")
        }
    }

    @Test func theFieldListIsTheContractsOwn() throws {
        // The contract lives in ../shared/spec; where it is present, Pipelines/fields.tsv must be a faithful copy.
        let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/spec/fields.tsv")
        guard let original = try? Data(contentsOf: shared) else { return }
        #expect(original == (try Data(contentsOf: Self.source)))
    }
}
