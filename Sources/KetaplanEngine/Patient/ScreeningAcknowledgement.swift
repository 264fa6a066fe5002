/// A clinician's record that a screening finding was weighed and treatment goes ahead.
public struct ScreeningAcknowledgement: Equatable, Codable, Sendable {
    public var item: ScreeningItem
    public var by: String
    public var on: CalendarDay
    public var note: String

    public init(item: ScreeningItem, by: String, on: CalendarDay, note: String = "") {
        self.item = item
        self.by = by
        self.on = on
        self.note = note
    }
}
