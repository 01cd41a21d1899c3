/// Ids of the project's own findings (the template's validation rules carry the ids from TEMPLATE.md).
public enum FindingID {
    public static let unreadable = "unreadable"
    /// A report whose carried-over applications differ from what the same issuer's report of the year
    /// before carried forward (a rule across documents, `validation.yaml`'s `carry_chain`).
    public static let carryChain = "carry_chain"
    /// A document over its time budget: the worker reading it was stopped.
    public static let budget = "budget"
    /// A document whose worker died while reading it.
    public static let crash = "crash"
    public static let encoding = "encoding"
    /// UTF-8 text with a few invalid byte sequences, read with each replaced by U+FFFD (warning; the
    /// message names the lines). Text mostly damaged stays `unreadable: encoding`.
    public static let encodingDamage = "encoding_damage"
    public static let missingTable = "missing_table"
    public static let cellPlacement = "cell_placement"
    public static let missingTotal = "missing_total"
    public static let extraCells = "extra_cells"
    public static let duplicateRow = "duplicate_row"
    public static let unitConversion = "unit_conversion"
    public static let numberRepair = "number_repair"
    public static let template = "template"
    public static let year = "year"
    /// A page, or a picture on a page, read by OCR (info: why, the scan's resolution, how it was turned).
    public static let ocr = "ocr"
    /// A row of table 二 whose label OCR misread past recognition, read as the one template row that
    /// stands in its place with as many cells (warning).
    public static let labelByPlace = "label_by_place"
    /// The issuer of a scan, a name OCR misread there, taken as the text spells it more often or as the
    /// real place's name (`places.tsv`) it differs from only where OCR's readings are in doubt (info).
    public static let issuerSpelling = "issuer_spelling"
    /// A number OCR read with less confidence than `ocr.yaml` asks (warning: page and box in the message).
    public static let ocrLowConfidence = "ocr_low_confidence"
    /// A low-confidence number replaced by the one other reading OCR offered that makes every identity
    /// hold (info: printed reading, chosen reading, why).
    public static let ocrCorrection = "ocr_correction"
    /// A page or region OCR could not read (too coarse a scan, a page that cannot be rendered), or that was
    /// not read because OCR is off or not available (warning).
    public static let ocrUnread = "ocr_unread"
    /// A table cell of a text whose characters could not be read (`□`, the mark of an illegible character
    /// that crawlers and converters leave): null (warning).
    public static let unreadCell = "unread_cell"
}
