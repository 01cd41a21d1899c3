/// Ids of the project's own findings (the template's validation rules carry the ids from TEMPLATE.md).
public enum FindingID {
    public static let unreadable = "unreadable"
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
}
