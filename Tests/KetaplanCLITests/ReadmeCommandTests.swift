import Foundation
import KetaplanTestSupport
import Testing

/// README's command block against the parser's own description of every command
/// (`ketaplan --experimental-dump-help`, generated from the ArgumentParser command tree),
/// so neither can change without the other.
@Suite struct ReadmeCommandTests {
    /// The parts of swift-argument-parser's tool description this test reads.
    struct ToolInfo: Decodable {
        var command: CommandInfo
    }
    struct CommandInfo: Decodable {
        var commandName: String
        var subcommands: [CommandInfo]?
        var arguments: [ArgumentInfo]?
    }
    struct ArgumentInfo: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        var kind: String
        var names: [Name]?
        var valueName: String?
        var allValues: [String]?
        var shouldDisplay: Bool

        var longName: String? { names?.first { $0.kind == "long" }.map { "--" + $0.name } }
    }

    /// Options every command takes, described once in README's prose rather than on each line.
    static let everywhere: Set<String> = ["--help", "--version", "--data", "--today"]

    static var packageRoot: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// Every runnable command by its path (`plan new`; "" for `ketaplan` itself).
    static func commands() throws -> [String: CommandInfo] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["--experimental-dump-help"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let tool = try JSONDecoder().decode(ToolInfo.self, from: data)
        var found: [String: CommandInfo] = [:]
        func walk(_ c: CommandInfo, _ path: [String]) {
            let subcommands = (c.subcommands ?? []).filter { $0.commandName != "help" }
            if subcommands.isEmpty || path.isEmpty { found[path.joined(separator: " ")] = c }
            for s in subcommands { walk(s, path + [s.commandName]) }
        }
        walk(tool.command, [])
        return found
    }

    /// README's command block: each entry from its `ketaplan` line to the next, comments dropped.
    static func readmeEntries(paths: Set<String>) throws -> [String: String] {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Command line"))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```sh\n"))
        let end = try #require(rest[start.upperBound...].range(of: "```"))
        var entries: [String: String] = [:]
        // `NAME = ...` defines options several commands share; `[NAME]` in an entry stands for them.
        var shared: [String: String] = [:]
        var current: String?
        var defining: String?
        for rawLine in rest[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let line = String(rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
            let words = line.split(separator: " ").map(String.init)
            if words.count > 1, words[1] == "=", words[0].allSatisfy(\.isUppercase) {
                defining = words[0]
                current = nil
                shared[words[0]] = words.dropFirst(2).joined(separator: " ")
            } else if let name = defining, words.first != "ketaplan" {
                shared[name, default: ""] += " " + line
            } else if words.first == "ketaplan" {
                defining = nil
                // The longest run of words after `ketaplan` that names a command.
                var path = ""
                for n in stride(from: min(2, words.count - 1), through: 1, by: -1) where paths.contains(words[1...n].joined(separator: " ")) {
                    path = words[1...n].joined(separator: " ")
                    break
                }
                #expect(entries[path] == nil, "README lists `ketaplan \(path)` twice")
                current = path
                entries[path] = line
            } else if let current {
                entries[current, default: ""] += " " + line
            }
        }
        for path in entries.keys {
            for (name, options) in shared { entries[path] = entries[path]!.replacingOccurrences(of: "[\(name)]", with: options) }
        }
        #expect(shared.keys.allSatisfy { name in entries.values.contains { $0.contains(shared[name]!) } }, "README defines options no command uses")
        return entries
    }

    /// The long options an entry names.
    static func options(in entry: String) -> Set<String> {
        var found: Set<String> = []
        var rest = Substring(entry)
        while let r = rest.range(of: "--") {
            let name = rest[r.lowerBound...].prefix { $0 == "-" || $0.isLetter || $0.isNumber }
            if name.count > 2 { found.insert(String(name)) }
            rest = rest[r.upperBound...]
        }
        return found
    }

    /// The values an entry offers after `option` (`--format ics|csv|fhir`).
    static func values(after option: String, in entry: String) -> [String] {
        guard let r = entry.range(of: option + " ") else { return [] }
        let word = entry[r.upperBound...].prefix { !" ]".contains($0) }
        return word.split(separator: "|").map(String.init)
    }

    /// Whether README's alternatives cover `value`: named, or by a placeholder such as
    /// `screening:ITEM` or `other:NAME`.
    static func covers(_ alternatives: [String], _ value: String) -> Bool {
        alternatives.contains(value) || alternatives.contains { alt in
            guard let colon = alt.firstIndex(of: ":") else { return false }
            let placeholder = alt[alt.index(after: colon)...]
            return !placeholder.isEmpty && placeholder.allSatisfy(\.isUppercase) && value.hasPrefix(alt[...colon])
        }
    }

    @Test func readmeListsEveryCommandAndOptionTheParserHas() throws {
        let commands = try Self.commands()
        let entries = try Self.readmeEntries(paths: Set(commands.keys))
        #expect(Set(entries.keys) == Set(commands.keys), "README lists \(Set(entries.keys).subtracting(commands.keys).sorted()); the parser has \(Set(commands.keys).subtracting(entries.keys).sorted())")
        for (path, command) in commands.sorted(by: { $0.key < $1.key }) {
            guard let entry = entries[path] else { continue }
            let arguments = (command.arguments ?? []).filter(\.shouldDisplay)
            let parsed = Set(arguments.compactMap(\.longName)).subtracting(path.isEmpty ? ["--help", "--data", "--today"] : Self.everywhere)
            let listed = Self.options(in: entry).subtracting(path.isEmpty ? ["--help", "--data", "--today"] : Self.everywhere)
            #expect(listed == parsed, "ketaplan \(path): README has \(listed.subtracting(parsed).sorted()) the parser does not; the parser has \(parsed.subtracting(listed).sorted()) README does not")
            for argument in arguments {
                let values = argument.allValues ?? []
                if let option = argument.longName, !Self.everywhere.contains(option), !values.isEmpty {
                    let offered = Self.values(after: option, in: entry)
                    #expect(values.allSatisfy { Self.covers(offered, $0) }, "ketaplan \(path) \(option): README offers \(offered), the parser \(values)")
                } else if argument.kind == "positional", let name = argument.valueName {
                    let shown = values.isEmpty ? name.uppercased() : values.joined(separator: "|")
                    #expect(entry.contains(shown), "ketaplan \(path): README does not show the argument \(shown)")
                }
            }
        }
    }

    /// The test reads what it should: a README entry that drops an option, or names one the
    /// parser lacks, is caught.
    @Test func theComparisonCatchesDrift() {
        #expect(Self.options(in: "ketaplan export PATIENT|--all --format ics|csv|fhir [--output FILE [--force]]") == ["--all", "--format", "--output", "--force"])
        #expect(Self.values(after: "--format", in: "ketaplan export --format ics|csv|fhir [--output FILE]") == ["ics", "csv", "fhir"])
        #expect(Self.values(after: "--sex", in: "[--sex female|male]") == ["female", "male"])
        #expect(Self.covers(["futility", "screening:ITEM"], "screening:psychosis"))
        #expect(!Self.covers(["futility", "screening:ITEM"], "suicide-screen"))
    }
}
