// Fontconfig, cairo and pango keep process-wide caches (the font configuration, loaded faces,
// the font map) that live until the process ends and are never handed back: LeakSanitizer reports
// them as leaks at exit in the debug build. They are the libraries' own, not ours, so the report
// tests suppress them by library; a leak in Fuwu's code is still reported.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:libcairo.so\n"
         "leak:libpango-1.0.so\n"
         "leak:libpangocairo-1.0.so\n"
         "leak:libpangoft2-1.0.so\n"
         "leak:libglib-2.0.so\n"
         "leak:libgobject-2.0.so\n"
         "leak:libfreetype.so\n"
         "leak:libharfbuzz.so\n";
}
