//! Empty library target: the root package exists for the fixture tests in tests/.
