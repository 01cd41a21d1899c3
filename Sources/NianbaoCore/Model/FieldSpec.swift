public struct FieldSpec: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable { case integer, decimal }
    public var id: String
    public var section: Int
    public var templates: Set<Template>
    public var type: ValueType
    public var label: String
}
