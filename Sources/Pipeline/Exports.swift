// The CLI may import only this room (ArchitectureTests checks it). What it needs from the shared helpers
// to print (Spanish numbers and sizes, display paths, the person-facing error protocol) comes with it.
@_exported import Support
