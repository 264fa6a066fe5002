import ArgumentParser
import Foundation
import KetaplanEngine
import KetaplanStore
import KetaplanText

/// Options every command takes: which data folder and which day is "today".
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("The data folder.", valueName: "DIR"))
    var dataPath: String?

    @Option(help: ArgumentHelp("The engine's today (default: the real date).", valueName: "YYYY-MM-DD"), transform: Parse.day)
    var today: CalendarDay?

    static let names: Set<String> = ["--data", "--today"]

    /// Moves `--data X` / `--today X` (and `--data=X`) that stand before the subcommand to the end.
    static func hoisted(_ args: [String]) -> [String] {
        var front: [String] = []
        var moved: [String] = []
        var i = 0
        while i < args.count, args[i].hasPrefix("--") {
            let arg = args[i]
            if names.contains(arg), i + 1 < args.count {
                moved += [arg, args[i + 1]]
                i += 2
            } else if let eq = arg.firstIndex(of: "="), names.contains(String(arg[..<eq])) {
                moved.append(arg)
                i += 1
            } else {
                break
            }
        }
        front = Array(args[i...])
        guard !moved.isEmpty, !front.isEmpty else { return args }
        // Options go after the subcommand path (the leading words without dashes).
        var path = 0
        while path < front.count, !front[path].hasPrefix("-"), path < 2 { path += 1 }
        return Array(front[..<path]) + moved + Array(front[path...])
    }

    var folder: DataFolder { DataFolder.resolve(explicit: dataPath) }

    /// The store, judging its index for `--today` when it is given.
    func store() -> ClinicStore {
        var store = ClinicStore(folder: folder)
        store.fixedDay = today
        return store
    }

    /// The engine's today.
    func day() throws -> CalendarDay {
        if let today { return today }
        return WallClock.day()
    }
}

/// A failure the command line reports on one line and exits 1 for.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Refuses control characters in text typed on the command line, and one-line text longer
/// than `TextLength.oneLineLimit` (as the screen's fields do); `allowingLineBreaks` for
/// notes. Used for every option that is stored or printed.
func checkText(_ text: String?, flag: String, allowingLineBreaks: Bool = false) throws {
    guard let text else { return }
    if let problem = ControlCharacters.problem(in: text, field: flag, allowingLineBreaks: allowingLineBreaks)
        ?? TextLength.problem(in: text, field: flag, allowingLineBreaks: allowingLineBreaks) {
        throw ValidationError(problem)
    }
}

/// Everything the command line prints goes through here: control characters from names
/// and notes that older files may hold are shown as `^[`, `<9B>` and so on, so nothing
/// in the data can drive the terminal. (This shadows the standard library's `print`
/// for the whole executable.)
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    FileHandle.standardOutput.write(Data((ControlCharacters.visible(text, keeping: ControlCharacters.lineBreaks) + terminator).utf8))
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((ControlCharacters.visible(text, keeping: ControlCharacters.lineBreaks) + "\n").utf8))
}

/// Pretty JSON for `--json` output.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
