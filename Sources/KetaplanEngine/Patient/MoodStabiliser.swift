/// The mood stabiliser on record, as a choice, never free text: the usual mood
/// stabilisers, an antipsychotic used as one, `none`, or `other:NAME` for one not listed.
/// Text that is none of these (a typing slip, "declined", "0", "aspirin") is
/// `unrecognised`: it does not count as a mood stabiliser, so a bipolar patient stays
/// held until a clinician records the stabiliser or a review (docs/clinical-rules.md).
public enum MoodStabiliser: Equatable, Sendable, CustomStringConvertible {
    case named(Name)
    /// A mood stabiliser not in the list, named by the clinician (`other:NAME`).
    case other(String)
    /// No mood stabiliser.
    case none
    /// Text from an older file or a typing slip that names no stabiliser.
    case unrecognised(String)

    /// The mood stabilisers recognised by name.
    public enum Name: String, CaseIterable, Sendable {
        case lithium, valproate, lamotrigine, carbamazepine
        case quetiapine, olanzapine, aripiprazole, lurasidone, cariprazine, risperidone
    }

    /// Other spellings read as a listed stabiliser (older free text).
    static let aliases: [String: Name] = [
        "lithium carbonate": .lithium, "priadel": .lithium, "camcolit": .lithium,
        "sodium valproate": .valproate, "valproic acid": .valproate, "divalproex": .valproate, "depakote": .valproate, "depakine": .valproate,
        "lamictal": .lamotrigine, "tegretol": .carbamazepine, "seroquel": .quetiapine, "zyprexa": .olanzapine,
        "abilify": .aripiprazole, "latuda": .lurasidone, "vraylar": .cariprazine, "risperdal": .risperidone,
    ]

    /// Words read as "none".
    static let noneWords: Set<String> = ["none", "no", "nil", "null", "n/a", "na", "-", "--", "nothing"]

    /// What the command line and the patient form accept, for error messages.
    public static var accepted: String {
        Name.allCases.map(\.rawValue).joined(separator: ", ") + ", none, or other:NAME"
    }

    /// Reads a typed or stored value; case and surrounding blanks do not matter.
    /// Nil for empty text (nothing on record).
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        let lower = trimmed.lowercased()
        if lower.isEmpty { return nil }
        if lower.hasPrefix("other:") {
            let name = String(trimmed.dropFirst("other:".count)).trimmingWhitespace
            self = name.isEmpty ? .unrecognised(trimmed) : .other(name)
        } else if let name = Name(rawValue: lower) ?? MoodStabiliser.aliases[lower] {
            self = .named(name)
        } else if MoodStabiliser.noneWords.contains(lower) {
            self = .none
        } else {
            self = .unrecognised(trimmed)
        }
    }

    /// Whether this counts as a mood stabiliser on record.
    public var isStabiliser: Bool {
        switch self {
        case .named, .other: return true
        case .none, .unrecognised: return false
        }
    }

    /// As stored and shown: "lithium", "other:NAME", "none", or the unrecognised text.
    public var description: String {
        switch self {
        case .named(let n): return n.rawValue
        case .other(let name): return "other:\(name)"
        case .none: return "none"
        case .unrecognised(let text): return text
        }
    }
}
