import Foundation
import KetaplanEngine

/// `clinic.json`: the clinic's name, calendar, settings and custom protocols.
public struct ClinicFile: Equatable, Sendable, Codable {
    public var schemaVersion: Int
    public var name: String
    public var calendar: ClinicCalendar
    public var settings: ClinicSettings
    /// The clinic's usual session time, used for calendar exports; nil books all-day.
    public var sessionTime: TimeOfDay?
    /// Protocols the clinic defined besides the built-in ones.
    public var protocols: [TreatmentProtocol]
    /// Who patients call with questions (printed on handouts), e.g. "0161 496 0000".
    public var contactPhone: String?
    /// The clinic's IANA time zone (e.g. "Europe/London") for exported times; nil: the
    /// system's.
    public var timeZone: String?
    /// How much of a patient's name calendar exports carry (default: initials only).
    public var calendarNames: CalendarNames
    /// The CUPS printer summaries and handouts go to; nil: `--printer`, else CUPS's default.
    public var printer: PrinterName?
    /// The paper printed on; nil: the printer's default (the page settings fit A4 and Letter).
    public var paper: Paper?

    /// How patients are named in calendar events, which leave the clinic's systems.
    public enum CalendarNames: String, Codable, Sendable, CaseIterable {
        case none, initials, full
    }

    public init(name: String = "ketaplan clinic", calendar: ClinicCalendar = ClinicCalendar(), settings: ClinicSettings = ClinicSettings(),
                sessionTime: TimeOfDay? = nil, protocols: [TreatmentProtocol] = [], contactPhone: String? = nil,
                calendarNames: CalendarNames = .initials, printer: PrinterName? = nil, paper: Paper? = nil) {
        schemaVersion = FileVersion.clinic
        self.name = name
        self.calendar = calendar
        self.settings = settings
        self.sessionTime = sessionTime
        self.protocols = protocols
        self.contactPhone = contactPhone
        self.calendarNames = calendarNames
        self.printer = printer
        self.paper = paper
    }

    /// Built-in protocols followed by the clinic's own (a clinic protocol with a built-in
    /// id is refused by `validate`).
    public var allProtocols: [TreatmentProtocol] { BuiltInProtocols.all + protocols }

    /// Looks a protocol up by id.
    /// - Throws: `ProtocolError.unknown` listing the known ids.
    public func protocolWith(id text: String) throws(ProtocolError) -> TreatmentProtocol {
        guard let p = allProtocols.first(where: { $0.id.rawValue == text }) else {
            throw .unknown(text, known: allProtocols.map(\.id))
        }
        return p
    }

    // What a clinic may be called and which zone it may name, read by the loader below and
    // by `clinic set` and the settings form (ClinicChange), so a hand edit meets the same rule.

    /// Whether `name` may be the clinic's name: not empty or only spaces.
    public static func acceptsName(_ name: String) -> Bool { !name.allSatisfy(\.isWhitespace) }

    /// Whether `zone` is an IANA time zone this machine knows.
    public static func acceptsTimeZone(_ zone: String) -> Bool { TimeZone(identifier: zone) != nil }

    enum CodingKeys: String, CodingKey { case schemaVersion, name, calendar, settings, sessionTime, protocols, contactPhone, calendarNames, timeZone, printer, paper }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        name = try c.decode(String.self, forKey: .name)
        calendar = try c.decode(ClinicCalendar.self, forKey: .calendar)
        settings = try c.decodeIfPresent(ClinicSettings.self, forKey: .settings) ?? ClinicSettings()
        sessionTime = try c.decodeIfPresent(TimeOfDay.self, forKey: .sessionTime)
        protocols = try c.decodeIfPresent([TreatmentProtocol].self, forKey: .protocols) ?? []
        contactPhone = try c.decodeIfPresent(String.self, forKey: .contactPhone)
        calendarNames = try c.decodeIfPresent(CalendarNames.self, forKey: .calendarNames) ?? .initials
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
        printer = try c.decodeIfPresent(PrinterName.self, forKey: .printer)
        paper = try c.decodeIfPresent(Paper.self, forKey: .paper)
        guard Self.acceptsName(name) else {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "the clinic's name cannot be empty")
        }
        if let timeZone, !Self.acceptsTimeZone(timeZone) {
            throw DecodingError.dataCorruptedError(forKey: .timeZone, in: c,
                                                   debugDescription: "'\(timeZone)' is not a time zone this machine knows; use an IANA name such as Europe/London, or remove the field for the machine's own zone")
        }
        for p in protocols {
            if BuiltInProtocols.protocolWith(id: p.id) != nil {
                throw DecodingError.dataCorruptedError(forKey: .protocols, in: c, debugDescription: "protocol id '\(p.id)' is a built-in protocol's; give the clinic's protocol its own id")
            }
            do { try p.validate() } catch {
                throw DecodingError.dataCorruptedError(forKey: .protocols, in: c, debugDescription: error.description)
            }
        }
    }
}
