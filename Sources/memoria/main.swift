// The `memoria` command. Everything it does is in CommandLineEntry: parse (Spanish help and usage
// errors), call the Pipeline room, print what comes back, exit with the documented code.
await CommandLineEntry.main()
