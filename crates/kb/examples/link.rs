//! Print the mentions of a text file: `cargo run -p entente-kb --example link -- FILE [LANG] [DATE]`.

use entente_kb::Kb;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: link FILE [LANG] [DATE]");
        return Ok(());
    };
    let text = std::fs::read_to_string(path)?;
    let lang = args.get(2).map(String::as_str).unwrap_or("en");
    let date = args.get(3).and_then(|d| d.parse().ok());
    let kb = Kb::embedded()?;
    for m in kb.link_text(&text, lang, date) {
        println!(
            "{:>6}-{:<6} {:<28} {:<10} aff={:<6} role={:<22} sector={:<4} {}",
            m.start,
            m.end,
            m.actor.to_string(),
            format!("{:?}", m.form),
            m.affiliation
                .as_ref()
                .map(|a| a.to_string())
                .unwrap_or_default(),
            m.role.clone().unwrap_or_default(),
            m.sector.clone().unwrap_or_default(),
            m.how
        );
    }
    Ok(())
}
