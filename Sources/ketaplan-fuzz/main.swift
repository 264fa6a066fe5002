// The fuzz target for the store's loaders (scripts/fuzz.sh). Built with
// `-sanitize=fuzzer -DKETAPLAN_FUZZ`, libFuzzer drives LoaderProbe with generated inputs;
// built normally, it replays the files named on the command line (a crash found by the
// fuzzer, or the corpus) so a finding can be debugged without the fuzzer.
import Foundation
import KetaplanStore

/// One input from libFuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    LoaderProbe.run(Data(bytes: bytes, count: count))
    return 0
}

#if KETAPLAN_FUZZ
typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: FuzzCallback) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, fuzzOne))
#else
var loaded = 0
for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    if LoaderProbe.run(data) { loaded += 1 }
}
print("replayed \(CommandLine.arguments.count - 1) inputs, \(loaded) loaded")
#endif
