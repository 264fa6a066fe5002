import ArgumentParser
import KetaplanEngine

/// `review --kind`: a clinician's review by its name, or `screening:ITEM` to acknowledge
/// a screening finding.
enum ReviewChoice: ExpressibleByArgument, Equatable {
    case review(ReviewKind)
    case acknowledge(ScreeningItem)

    static let screeningPrefix = "screening:"

    init?(argument: String) {
        if argument.hasPrefix(Self.screeningPrefix) {
            guard let item = ScreeningItem(rawValue: String(argument.dropFirst(Self.screeningPrefix.count))) else { return nil }
            self = .acknowledge(item)
        } else {
            guard let kind = ReviewKind(name: argument) else { return nil }
            self = .review(kind)
        }
    }

    static var allValueStrings: [String] {
        ReviewKind.allCases.map(\.name) + ScreeningItem.allCases.map { screeningPrefix + $0.rawValue }
    }
}
