import ArgumentParser
internal import Foundation

/// Where the party's files are: the flag shared by every command that uses a party's home.
struct HomeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The party's Parley folder (default: $PARLEY_HOME, else ~/.parley).", valueName: "DIR"))
    var home: String?

    /// The home chosen: `--home`, else `PARLEY_HOME`, else `~/.parley`.
    var resolved: Home {
        if let home, !home.isEmpty { return Home(path: home) }
        let environment = ProcessInfo.processInfo.environment
        if let home = environment["PARLEY_HOME"], !home.isEmpty { return Home(path: home) }
        return Home(path: FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".parley").path)
    }
}
