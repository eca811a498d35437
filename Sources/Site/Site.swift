// Site module.
