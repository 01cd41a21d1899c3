import Foundation

/// A row alias: how one template row is recognised from its printed label.
public struct RowAlias: Sendable, Codable, Hashable {
    public var key: String
    public var contains: [String]?
    public var exact: [String]?
    public var after: [String]?
}

/// `labels.yaml`.
public struct LabelRules: Sendable, Codable, Hashable {
    public struct Section: Sendable, Codable, Hashable {
        public var number: String
        public var keywords: [String]
    }
    public struct TemplateCues: Sendable, Codable, Hashable {
        public var citation: [String]
        public var table: [String]
    }
    public struct ActiveTable: Sendable, Codable, Hashable {
        public var rows: [RowAlias]
        /// template → row key → the row's numeric columns in printed order.
        public var columns: [String: [String: [String]]]
    }
    public struct ApplicationsTable: Sendable, Codable, Hashable {
        public var columns: [String]
        public var subtotalHeader: [String]
        public var rows: [RowAlias]
        enum CodingKeys: String, CodingKey {
            case columns, rows
            case subtotalHeader = "subtotal_header"
        }
    }
    public struct ReviewTable: Sendable, Codable, Hashable {
        public var groups: [String]
        public var columns: [String]
        /// Words of the table's header: where all but one of them stand in the section, the table is
        /// printed (a data row without a number is then blank, 0; without them the table is missing).
        public var header: [String]
    }
    /// Header fields that crawlers and CMS pages print before a report (`发布机构:…`).
    public struct MetadataKeys: Sendable, Codable, Hashable {
        /// Every key a crawler's header block may hold: a long line is cut before each of them.
        public var headerKeys: [String]
        /// Keys whose value names the reporting body, tried when the text itself names none.
        public var issuerKeys: [String]
        /// Keys whose value is the date the report was published.
        public var dateKeys: [String]?
        enum CodingKeys: String, CodingKey {
            case headerKeys = "header_keys"
            case issuerKeys = "issuer_keys"
            case dateKeys = "date_keys"
        }
    }
    public var sections: [Section]
    public var metadata: MetadataKeys?
    public var templates: [String: TemplateCues]
    public var active: ActiveTable
    public var applications: ApplicationsTable
    public var review: ReviewTable
    /// The place names an issuer OCR read is checked against (`PlaceSpelling`).
    public struct Places: Sendable, Codable, Hashable {
        /// The file (`places.tsv`), relative to `labels.yaml`.
        public var file: String
        /// The first and last year of the reports checked: the years whose divisions the file holds (a
        /// report of another year may name a place it lacks).
        public var years: [Int]
        /// Words of zones named after places they are not (`高新区`, `经开区`, `新区`): an issuer's place
        /// that holds one is not checked, and no real name that holds one is taken.
        public var zones: [String]

        /// Whether a report of `year` is checked.
        public func covers(_ year: Int) -> Bool {
            years.count == 2 && years[0] <= year && year <= years[1]
        }
    }
    /// None: issuers are checked against no place names.
    public var places: Places?
    /// What `places.file` holds, read by `RuleSet.load`.
    public var gazetteer = Gazetteer()

    enum CodingKeys: String, CodingKey {
        case sections, metadata, templates, active, applications, review, places
    }
}
