//! Search queries against a small fixed index, and an index built for the
//! query alone.
#![no_main]

use std::sync::{Arc, OnceLock};

use brief::briefing::{Briefing, parse_text};
use brief::search::{Hit, Index, Session};
use libfuzzer_sys::fuzz_target;

/// A short briefing in the genre, written for this target.
const SAMPLE: &str = "\
河畔新城建设推进会发言摘登

补齐短板 让老街巷焕发新颜

市城市管理局局长 赵高堂

　　今年以来，我们围绕背街小巷改造，完成路面修缮12.6公里。一是清理占道经营。对沿街摊点实行“定时定点”管理，设置便民疏导点23个。二是整治架空线缆。联合电力、通信等单位拆除废弃线缆，做到“应拆尽拆”。三是完善长效机制。推行“街长制”，每条街巷明确1名责任人，问题整改率达到96%以上。

擦亮底色 守护一河碧水

区水务局副局长 钱秀兰

　　第一，加快截污纳管，年内新建污水管网8.5公里。第二，开展河道清淤，采用AI巡河和5G监测，实现水质实时预警。第三，強化考核問責，對工作不力的單位通報批評。
";

const LIMIT: usize = 50;

fn fixture() -> &'static (Vec<Arc<Briefing>>, Index) {
    static FIXTURE: OnceLock<(Vec<Arc<Briefing>>, Index)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let b = vec![Arc::new(parse_text("f.txt", SAMPLE))];
        let index = Index::build(&b);
        (b, index)
    })
}

fn check_hits(index: &Index, hits: &[Hit], query: &str) {
    assert!(hits.len() <= LIMIT, "{} hits for {query:?}", hits.len());
    for h in hits {
        let entry = index
            .get(h.entry)
            .unwrap_or_else(|| panic!("hit on entry {} of {}", h.entry, index.len()));
        let text = entry.text(index);
        let chars = text.chars().count();
        assert!(
            h.indices.iter().all(|&i| i < chars),
            "indices {:?} past the {chars} chars of {:?} for {query:?}",
            h.indices,
            text
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let query = query.as_ref();
    let (briefings, index) = fixture();

    let hits = index.search(query, LIMIT);
    check_hits(index, &hits, query);

    // Typing on: searching a prefix first and then the whole query narrows the
    // prefix's matches; the answer must be the one a fresh search gives.
    if let Some((cut, _)) = query.char_indices().nth(query.chars().count() / 2) {
        if cut > 0 {
            let mut session = Session::default();
            let _ = index.search_in(&query[..cut], LIMIT, &mut session);
            let typed_on = index.search_in(query, LIMIT, &mut session);
            assert_eq!(
                typed_on, hits,
                "typing on from {:?} to {query:?} changed the hits",
                &query[..cut]
            );
        }
    }

    let only = Index::build_for(briefings, query);
    let hits = only.search(query, LIMIT);
    check_hits(&only, &hits, query);
});
