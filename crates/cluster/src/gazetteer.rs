//! A small built-in table of place names and month names across languages and scripts.
//!
//! Each place has one canonical id and its names in English, Swedish, German, French, Spanish,
//! Italian, Portuguese, Dutch, Polish, Slovene, Turkish, Russian, Arabic and Chinese (plus a few
//! adjectives such as "Russian"/"ryska"/"russe"). Names are stored after the same normalisation
//! and stemming as document words, so inflected forms ("Rysslands", "России") find their entry.
//! Names written in Han script are found inside unsegmented text with an Aho-Corasick automaton.
//!
//! Every country and territory CLDR names (see `parallax_places`) is added in all its languages
//! and scripts: under the hand-kept entry when one of its names is a hand-kept name, as a place
//! of its own otherwise. Hand-kept keys win, and names whose key is a common word somewhere
//! (after stemming, "Romania" is "Roman") are left out.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::text::{is_cjk, normalize, stem};

/// Places: `canonical|name|name|...`, names in any language or script; multi-word names are
/// written with spaces.
const PLACES: &str = "
russia|russia|russian|ryssland|ryska|ryske|russland|russisch|russischen|russie|russe|russes|rusia|ruso|rusa|rusos|russo|russa|russi|rusland|russisch|rosja|rosji|rosyjski|rosyjska|rusija|rusijo|ruski|rusya|россия|российский|российская|русский|روسيا|الروسي|الروسية|俄罗斯|俄国|俄
ukraine|ukraine|ukrainian|ukraina|ukrainska|ukrainischen|ukrainisch|ukrainien|ucrania|ucraniano|ucraina|ucraino|ucrânia|oekraïne|ukrainy|ukrajina|ukrajini|ukrayna|украина|украины|украинский|أوكرانيا|乌克兰
usa|usa|us|united states|united states of america|america|american|americans|förenta staterna|amerikansk|amerikanska|vereinigte staaten|amerikanischen|amerikanisch|états-unis|etats-unis|américain|américaine|estados unidos|eeuu|ee uu|estadounidense|stati uniti|americano|americana|eua|verenigde staten|amerikaanse|stany zjednoczone|usa|amerykański|združene države|zda|abd|amerika|сша|америка|американский|الولايات المتحدة|أمريكا|الأمريكية|美国|美國
uk|united kingdom|britain|great britain|british|storbritannien|brittisk|brittiska|großbritannien|grossbritannien|britisch|britischen|royaume-uni|britannique|reino unido|británico|britânico|regno unito|britannico|verenigd koninkrijk|wielka brytania|brytyjski|velika britanija|birleşik krallık|ingiltere|великобритания|британия|британский|المملكة المتحدة|بريطانيا|英国
china|china|chinese|kina|kinesisk|kinesiska|chinesisch|chinesischen|chine|chinois|chinoise|chino|china|cina|cinese|chinês|chinesa|chiny|chiński|kitajska|çin|китай|китайский|الصين|中国|中國
germany|germany|german|tyskland|tysk|tyska|deutschland|deutsche|deutschen|allemagne|allemand|allemande|alemania|alemán|germania|tedesco|tedesca|alemanha|duitsland|duitse|niemcy|niemiec|niemiecki|nemčija|almanya|германия|немецкий|ألمانيا|德国|德國
france|france|french|frankrike|fransk|franska|frankreich|französisch|französischen|français|française|francia|francés|francese|frança|francês|frankrijk|franse|francja|francji|francuski|francija|fransa|франция|французский|فرنسا|法国|法國
spain|spain|spanish|spanien|spansk|spanska|spanisch|espagne|espagnol|españa|español|española|spagna|spagnolo|espanha|espanhol|spanje|spaanse|hiszpania|hiszpański|španija|španska|ispanya|испания|испанский|إسبانيا|西班牙
italy|italy|italian|italien|italiensk|italienska|italienisch|italie|italienne|italia|italiano|italiana|itália|italië|italiaanse|włochy|włoch|włoski|italija|italya|италия|итальянский|إيطاليا|意大利
japan|japan|japanese|japansk|japanska|japanisch|japon|japonais|japón|japonés|giappone|giapponese|japão|japonês|japonia|japoński|japonska|japonya|япония|японский|اليابان|日本
india|india|indian|indien|indisk|indiska|indisch|inde|indien|indio|indiano|índia|indie|indii|indija|hindistan|индия|индийский|الهند|印度
iran|iran|iranian|iransk|iranska|iranisch|iranien|irán|iraní|irã|iraniano|irańskie|иран|إيران|伊朗
iraq|iraq|irak|irakisk|iraqi|irakien|iraquí|iraque|irakijski|ирак|العراق|伊拉克
israel|israel|israeli|israelisk|israeliska|israelisch|israélien|israël|israelí|israele|israeliano|israelense|izrael|izraelski|izrael|israil|израиль|израильский|إسرائيل|الإسرائيلي|以色列
palestine|palestine|palestinian|palestina|palestinsk|palästina|palästinensisch|palestinien|palestino|palestinese|palestiniano|palestyna|palestyński|filistin|палестина|فلسطين|الفلسطيني|巴勒斯坦
gaza|gaza|gazaremsan|gazastreifen|gazy|gazze|газа|غزة|加沙
syria|syria|syrian|syrien|syrisk|syrisch|syrie|syrien|siria|sirio|síria|syrië|syrii|sirija|suriye|сирия|سوريا|叙利亚
afghanistan|afghanistan|afghan|afganistan|afganistán|afeganistão|afghanistán|afganistanu|afganistan|афганистан|أفغانستان|阿富汗
turkey|turkey|turkish|turkiet|turkisk|türkei|türkisch|turquie|turc|turquía|turco|turchia|turquia|turkije|turcja|turčija|türkiye|турция|تركيا|土耳其
egypt|egypt|egyptian|egypten|ägypten|égypte|egipto|egitto|egito|egipt|egipt|egipt|mısır|египет|مصر|埃及
brazil|brazil|brazilian|brasilien|brésil|brasil|brasile|brazylia|brazilija|brezilya|бразилия|البرازيل|巴西
mexico|mexico|mexican|mexiko|mexique|méxico|messico|meksyk|meksika|мексика|المكسيك|墨西哥
canada|canada|canadian|kanada|kanadensisk|canadá|kanady|канада|كندا|加拿大
australia|australia|australian|australien|australie|austrália|australië|australii|avstralija|avustralya|австралия|أستراليا|澳大利亚|澳洲
poland|poland|polish|polen|polsk|polska|polnisch|pologne|polonais|polonia|polaco|polónia|polônia|polski|polsce|poljska|polonya|польша|بولندا|波兰
sweden|sweden|swedish|sverige|svensk|svenska|schweden|schwedisch|suède|suédois|suecia|sueco|svezia|svedese|suécia|zweden|szwecja|švedska|isveç|швеция|السويد|瑞典
norway|norway|norwegian|norge|norsk|norwegen|norvège|noruega|norvegia|noorwegen|norwegia|norveška|norveç|норвегия|النرويج|挪威
denmark|denmark|danish|danmark|dansk|dänemark|danemark|dinamarca|danimarca|denemarken|dania|danska|danimarka|дания|الدنمارك|丹麦
finland|finland|finnish|finska|finnland|finlande|finlandia|finlândia|finlandiya|финляндия|فنلندا|芬兰
netherlands|netherlands|dutch|holland|nederländerna|niederlande|pays-bas|países bajos|paesi bassi|países baixos|nederland|holandia|nizozemska|hollanda|нидерланды|هولندا|荷兰
belgium|belgium|belgien|belgique|bélgica|belgio|belgië|belgia|belgija|belçika|бельгия|بلجيكا|比利时
switzerland|switzerland|swiss|schweiz|suisse|suiza|svizzera|suíça|zwitserland|szwajcaria|švica|isviçre|швейцария|سويسرا|瑞士
austria|austria|austrian|österrike|österreich|autriche|áustria|oostenrijk|avstrija|avusturya|австрия|النمسا|奥地利
greece|greece|greek|grekland|griechenland|grèce|grecia|grécia|griekenland|grecja|grčija|yunanistan|греция|ελλάδα|اليونان|希腊
portugal|portugal|portuguese|portugisisk|portugiesisch|portugais|portugués|portogallo|portugalia|portugalska|portekiz|португалия|البرتغال|葡萄牙
hungary|hungary|ungern|ungarn|hongrie|hungría|ungheria|hungria|hongarije|węgry|madžarska|macaristan|венгрия|المجر|匈牙利
slovenia|slovenia|slovenien|slowenien|slovénie|eslovenia|slovenija|slowenia|slovenya|словения|سلوفينيا|斯洛文尼亚
croatia|croatia|kroatien|croatie|croacia|croazia|croácia|kroatië|chorwacja|hrvaška|hırvatistan|хорватия|كرواتيا|克罗地亚
serbia|serbia|serbien|serbie|sérvia|servië|srbija|sırbistan|сербия|صربيا|塞尔维亚
belarus|belarus|vitryssland|weißrussland|biélorussie|bielorrusia|bielorussia|bielorrússia|wit-rusland|białoruś|białorusi|belorusija|беларусь|белоруссия|بيلاروسيا|白俄罗斯
north korea|north korea|nordkorea|corée du nord|corea del norte|corea del nord|coreia do norte|noord-korea|korea północna|severna koreja|kuzey kore|кндр|северная корея|كوريا الشمالية|朝鲜
south korea|south korea|sydkorea|südkorea|corée du sud|corea del sur|corea del sud|coreia do sul|zuid-korea|korea południowa|južna koreja|güney kore|южная корея|كوريا الجنوبية|韩国
saudi arabia|saudi arabia|saudiarabien|saudi-arabien|arabie saoudite|arabia saudita|arábia saudita|saoedi-arabië|arabia saudyjska|savdska arabija|suudi arabistan|саудовская аравия|السعودية|沙特
south africa|south africa|sydafrika|südafrika|afrique du sud|sudáfrica|sudafrica|áfrica do sul|zuid-afrika|rpa|južna afrika|güney afrika|юар|جنوب أفريقيا|南非
pakistan|pakistan|pakistani|pakistán|paquistão|pakistanu|пакистан|باكستان|巴基斯坦
lebanon|lebanon|libanon|liban|líbano|libano|lübnan|ливан|لبنان|黎巴嫩
libya|libya|libyen|libye|libia|líbia|libië|libija|libya|ливия|ليبيا|利比亚
nigeria|nigeria|nigéria|nigerii|nijerya|нигерия|نيجيريا|尼日利亚
ethiopia|ethiopia|etiopien|äthiopien|éthiopie|etiopía|etiopia|ethiopië|etiopija|etiyopya|эфиопия|إثيوبيا|埃塞俄比亚
haiti|haiti|haïti|haití|гаити|هايتي|海地
cuba|cuba|kuba|küba|куба|كوبا|古巴
venezuela|venezuela|wenezuela|venezuele|венесуэла|فنزويلا|委内瑞拉
argentina|argentina|argentinien|argentine|argentinië|argentyna|arjantin|аргентина|الأرجنتين|阿根廷
colombia|colombia|kolumbien|colombie|colômbia|kolumbia|kolumbija|kolombiya|колумбия|كولومبيا|哥伦比亚
peru|peru|pérou|perú|перу|بيرو|秘鲁
chile|chile|chili|cile|şili|чили|تشيلي|智利
myanmar|myanmar|burma|birma|birmanie|birmania|мьянма|ميانمار|缅甸
indonesia|indonesia|indonesien|indonésie|indonésia|indonesië|indonezja|indonezija|endonezya|индонезия|إندونيسيا|印度尼西亚|印尼
kazakhstan|kazakhstan|kazakstan|kasachstan|kazajistán|kazachstan|kazahstan|kazakistan|казахстан|كازاخستان|哈萨克斯坦
georgia|georgia|georgien|géorgie|geórgia|georgië|gruzja|gruzija|gürcistan|грузия|جورجيا|格鲁吉亚
armenia|armenia|armenien|arménie|armênia|armenië|armenija|ermenistan|армения|أرمينيا|亚美尼亚
azerbaijan|azerbaijan|azerbajdzjan|aserbaidschan|azerbaïdjan|azerbaiyán|azerbaigian|azerbaijão|azerbejdżan|azerbajdžan|azerbaycan|азербайджан|أذربيجان|阿塞拜疆
taiwan|taiwan|taïwan|taiwán|tajwan|tajvan|tayvan|тайвань|تايوان|台湾|台灣
hong kong|hong kong|hongkong|гонконг|هونغ كونغ|香港
european union|european union|eu|europeiska unionen|europäische union|union européenne|ue|unión europea|unione europea|união europeia|europese unie|unia europejska|evropska unija|avrupa birliği|ес|евросоюз|الاتحاد الأوروبي|欧盟
nato|nato|otan|нато|الناتو|北约
united nations|united nations|un|förenta nationerna|fn|vereinte nationen|uno|nations unies|onu|naciones unidas|nazioni unite|nações unidas|verenigde naties|vn|organizacja narodów zjednoczonych|oon|združeni narodi|birleşmiş milletler|оон|الأمم المتحدة|联合国
moscow|moscow|moskva|moskau|moscou|moscú|mosca|moskou|moskwa|moskwie|moskvi|moskova|москва|москве|موسكو|莫斯科
kyiv|kyiv|kiev|kiew|kijów|kijowie|kijev|kiev|киев|київ|كييف|基辅
london|london|londres|londra|londen|londyn|londonu|лондон|لندن|伦敦
paris|paris|parigi|paryż|paryżu|pariz|париж|باريس|巴黎
berlin|berlin|berlino|berlim|berlijn|berlinie|берлин|برلين|柏林
madrid|madrid|madryt|мадрид|مدريد|马德里
rome|rome|rom|roma|rzym|rim|рим|روما|罗马
brussels|brussels|bryssel|brüssel|bruxelles|bruselas|bruxelas|bruxelas|brussel|bruksela|bruselj|brüksel|брюссель|بروكسل|布鲁塞尔
washington|washington|waszyngton|вашингтон|واشنطن|华盛顿
new york|new york|nueva york|nova iorque|nowy jork|нью-йорк|نيويورك|纽约
beijing|beijing|peking|pékin|pekín|pechino|pequim|pekin|пекин|بكين|北京
tokyo|tokyo|tokio|tóquio|tokijo|токио|طوكيو|东京
jerusalem|jerusalem|jérusalem|jerusalén|gerusalemme|jeruzalem|jerozolima|kudüs|иерусалим|القدس|耶路撒冷
tehran|tehran|teheran|téhéran|teherán|teerã|teheranie|тегеран|طهران|德黑兰
kabul|kabul|kaboul|kabulu|кабул|كابول|喀布尔
damascus|damascus|damaskus|damas|damasco|damaszek|дамаск|دمشق|大马士革
cairo|cairo|kairo|le caire|el cairo|il cairo|kair|kahire|каир|القاهرة|开罗
istanbul|istanbul|istambul|estambul|stambuł|carigrad|стамбул|إسطنبول|伊斯坦布尔
ankara|ankara|анкара|أنقرة|安卡拉
athens|athens|aten|athen|athènes|atenas|atene|athene|ateny|atene|atina|афины|أثينا|雅典
warsaw|warsaw|warszawa|warschau|varsovie|varsovia|varsavia|varsóvia|warschau|varšava|varşova|варшава|وارسو|华沙
stockholm|stockholm|estocolmo|stoccolma|sztokholm|стокгольм|ستوكهولم|斯德哥尔摩
tokyo olympics|olympics|olympic|olympiska|olympische|olympischen|olympiques|olímpicos|olimpiadi|olimpiadas|olimpíadas|olympische spelen|olimpiada|olimpijske|olimpiyat|олимпиада|олимпийские|الأولمبية|奥运|奥运会
covid|covid|coronavirus|corona|коронавирус|كورونا|新冠
islamic state|islamic state|isis|isil|is|daesh|islamiska staten|islamischer staat|islamischen staat|état islamique|etat islamique|estado islámico|estado islâmico|stato islamico|islamitische staat|państwo islamskie|państwa islamskiego|islamska država|islam devleti|ид|игил|исламское государство|داعش|الدولة الإسلامية|伊斯兰国
taliban|taliban|talibans|talibanerna|talibanes|talibãs|talebani|talibów|talibowie|талибан|талибы|طالبان|塔利班
";

/// Common news concepts across languages (English, French, Spanish, Portuguese, Italian, German,
/// Dutch, Swedish, Polish, Slovene, Russian, Arabic, Chinese): `~concept|word|word|...`. They
/// let two headlines in different languages that say "opening ceremony" or "tested positive"
/// share a feature. Same format and lookup as [`PLACES`].
const CONCEPTS: &str = "
~ceremony|ceremony|ceremonies|cérémonie|ceremonia|cerimônia|cerimónia|cerimonia|zeremonie|ceremonie|ceremoni|ceremonia|ceremonija|slovesnost|церемония|حفل|典礼|仪式
~opening|opening|open|opens|opened|ouverture|inauguration|inaugural|inauguración|apertura|abertura|inauguração|eröffnung|eröffnet|opening|öppning|invigning|otwarcie|odprtje|открытие|افتتاح|开幕
~closing|closing|clôture|clausura|encerramento|chiusura|schlussfeier|avslutning|zamknięcie|zaprtje|закрытие|ختام|闭幕
~medal|medal|medals|médaille|médailles|medalla|medallas|medalha|medalhas|medaglia|medaglie|medaille|medaillen|medalj|medalje|medal|medalja|medalje|медаль|медали|ميدالية|奖牌
~gold|gold|golden|or|oro|ouro|gold|guld|złoto|złoty|zlato|zlata|золото|золотая|ذهبية|金牌
~silver|silver|argent|plata|prata|argento|silber|silver|srebro|srebrna|серебро|فضية|银牌
~bronze|bronze|bronce|bronzo|brons|brąz|bron|бронза|برونزية|铜牌
~athlete|athlete|athletes|athlète|athlètes|atleta|atletas|athlet|athleten|idrottare|sportowiec|športnik|športniki|атлет|спортсмен|спортсмены|رياضي|رياضيين|运动员
~team|team|équipe|equipo|selección|equipa|seleção|squadra|nazionale|mannschaft|lag|landslaget|drużyna|reprezentacja|ekipa|reprezentanca|команда|сборная|منتخب|فريق|队
~win|win|wins|won|victory|gagne|remporte|victoire|gana|ganó|victoria|vence|venceu|vitória|vince|vittoria|gewinnt|sieg|vinner|seger|wygrywa|zwycięstwo|zmaga|zmaga|победа|выиграл|فوز|يفوز|胜
~defeat|defeat|loses|lost|beaten|défaite|perd|derrota|pierde|perde|sconfitta|niederlage|verliert|förlust|förlorar|porażka|przegrywa|poraz|поражение|проиграл|خسارة|يخسر|负
~final|final|finals|finale|final|finał|finale|финал|نهائي|决赛
~record|record|records|récord|recorde|rekord|rekordy|рекорд|رقم قياسي|纪录
~cancel|cancel|cancelled|canceled|cancellation|annule|annulé|annulation|cancela|cancelado|cancelación|cancelamento|annullato|cancellato|absage|abgesagt|ställs in|inställd|odwołany|odwołanie|odpoved|odpovedan|отмена|отменен|إلغاء|取消
~postpone|postpone|postponed|delay|delayed|reporté|aplaza|aplazado|adiado|adia|rinvio|rinviato|verschoben|verschiebung|skjuts upp|przełożony|preložen|перенос|перенесен|تأجيل|推迟
~spectators|spectators|spectator|fans|public|crowd|spectateurs|public|espectadores|público|aficionados|torcida|spettatori|pubblico|zuschauer|publikum|åskådare|publik|widzowie|publiczność|kibice|gledalci|navijači|зрители|болельщики|جمهور|جماهير|观众
~positive|positive|positif|positifs|positivo|positivos|positiva|positiv|pozytywny|pozitiven|pozitivni|положительный|إيجابية|阳性
~case|case|cases|cas|caso|casos|fall|fälle|fall|przypadek|przypadki|primer|primerov|случай|случаев|حالة|حالات|病例
~infection|infection|infections|infected|contamination|infección|contagio|contagios|infecção|contágio|infezione|contagi|infektion|infektionen|smitta|zakażenie|zakażenia|okužba|okužbe|заражение|заражения|зараженных|إصابة|إصابات|感染
~virus|virus|covid|coronavirus|pandemic|pandémie|pandemia|pandemie|pandemi|пандемия|وباء|疫情
~vaccine|vaccine|vaccines|vaccination|vaccin|vacuna|vacunación|vacina|vacinação|vaccino|impfstoff|impfung|vaccin|vaccination|szczepionka|szczepienie|cepivo|cepljenje|вакцина|вакцинация|لقاح|疫苗
~hotel|hotel|hôtel|hotel|albergo|hotell|hotelu|отель|гостиница|فندق|酒店
~village|village|villa|vila|villaggio|dorf|by|wioska|vas|деревня|قرية|村
~death|death|deaths|dead|dies|died|killed|mort|morts|meurt|tué|muerte|muertos|muere|morte|mortos|morre|morti|muore|tod|tote|stirbt|getötet|död|döda|dödade|śmierć|zabici|nie żyje|smrt|mrtvi|umrl|смерть|погибли|погиб|умер|وفاة|مقتل|قتلى|死亡
~injured|injured|wounded|injury|blessé|blessés|blessure|herido|heridos|lesión|ferido|feridos|lesão|ferito|feriti|infortunio|verletzt|verletzte|verletzung|skadad|skadade|ranny|ranni|kontuzja|ranjen|ranjeni|poškodba|ранен|раненые|травма|جرحى|إصابة|受伤
~attack|attack|attacks|attentat|attaque|ataque|atentado|attacco|attentato|angriff|anschlag|attack|attentat|atak|zamach|napad|атака|нападение|теракт|هجوم|袭击
~shooting|shooting|gunman|shot|fusillade|tiroteo|balacera|tiroteio|sparatoria|schießerei|schüsse|skottlossning|strzelanina|streljanje|стрельба|إطلاق نار|枪击
~explosion|explosion|blast|explosión|explosão|esplosione|explosion|eksplozja|wybuch|eksplozija|взрыв|انفجار|爆炸
~fire|fire|blaze|wildfire|incendie|feu|incendio|incêndio|fogo|brand|feuer|eld|pożar|požar|пожар|حريق|火灾
~earthquake|earthquake|quake|séisme|tremblement de terre|terremoto|sismo|sismo|erdbeben|jordbävning|trzęsienie ziemi|potres|землетрясение|زلزال|地震
~flood|flood|floods|flooding|inondation|inondations|inundación|inundaciones|inundação|inundações|alluvione|inondazione|überschwemmung|hochwasser|översvämning|powódź|poplava|наводнение|فيضان|فيضانات|洪水
~storm|storm|typhoon|hurricane|cyclone|tempête|typhon|ouragan|tormenta|tifón|huracán|tempestade|tufão|furacão|tempesta|tifone|uragano|sturm|taifun|hurrikan|storm|tyfon|orkan|burza|tajfun|huragan|nevihta|tajfun|orkan|шторм|тайфун|ураган|عاصفة|إعصار|台风|飓风
~heat|heat|heatwave|chaleur|canicule|calor|ola de calor|caldo|hitze|hitzewelle|värme|värmebölja|upał|upały|vročina|жара|حر|حرارة|高温
~election|election|elections|vote|élection|élections|elección|elecciones|eleição|eleições|elezioni|wahl|wahlen|val|valet|wybory|volitve|выборы|انتخابات|选举
~president|president|président|presidente|präsident|president|prezydent|predsednik|президент|رئيس|总统
~minister|minister|ministre|ministro|minister|ministerin|minister|minister|minister|министр|وزير|部长
~government|government|gouvernement|gobierno|governo|regierung|regering|rząd|vlada|правительство|حكومة|政府
~police|police|policía|polícia|polizia|polizei|polis|policja|policija|полиция|شرطة|警方
~arrest|arrest|arrested|arrestation|arrêté|detenido|detención|arresto|preso|prisão|arrestato|festnahme|festgenommen|gripen|anhållen|aresztowany|zatrzymany|aretiran|арест|задержан|اعتقال|逮捕
~court|court|trial|judge|tribunal|procès|juge|tribunal|juicio|juez|tribunal|julgamento|juiz|tribunale|processo|giudice|gericht|prozess|richter|domstol|rättegång|sąd|proces|sodišče|sojenje|суд|судья|محكمة|法院
~protest|protest|protests|protesters|manifestation|manifestants|protesta|protestas|manifestantes|protesto|protestos|proteste|demonstration|demonstrationer|protest|demonstracja|protestniki|протест|протесты|احتجاج|احتجاجات|抗议
~ban|ban|banned|interdiction|interdit|prohibición|prohibido|proibição|proibido|divieto|vietato|verbot|verboten|förbud|förbjuden|zakaz|prepoved|запрет|запрещен|حظر|禁止
~boycott|boycott|boycotte|boicot|boicote|boicottaggio|boykott|bojkot|бойкот|مقاطعة|抵制
~withdraw|withdraw|withdraws|withdrawal|withdrew|quit|retire|retrait|renonce|abandona|renuncia|retira|desiste|desistência|ritiro|rinuncia|rückzug|verzichtet|drar sig ur|wycofuje|rezygnuje|odstop|odpove|снялся|отказался|انسحاب|退出
~emperor|emperor|empereur|emperador|imperador|imperatore|kaiser|kejsare|cesarz|cesar|император|إمبراطور|天皇
~flag|flag|flagbearer|drapeau|porte-drapeau|bandera|abanderado|bandeira|porta-bandeira|bandiera|portabandiera|fahne|flagge|fahnenträger|flagga|fanbärare|flaga|chorąży|zastava|zastavonoša|флаг|знаменосец|علم|旗手
~refugee|refugee|refugees|réfugié|réfugiés|refugiado|refugiados|rifugiato|rifugiati|flüchtling|flüchtlinge|flykting|flyktingar|uchodźca|uchodźcy|begunec|begunci|беженец|беженцы|لاجئ|لاجئين|难民
~swimming|swimming|swimmer|natation|nageur|natación|nadador|natação|nuoto|nuotatore|schwimmen|schwimmer|simning|simmare|pływanie|pływak|plavanje|plavalec|плавание|пловец|سباحة|游泳
~football|football|soccer|foot|fútbol|futebol|calcio|fußball|fotboll|piłka nożna|nogomet|футбол|كرة القدم|足球
~basketball|basketball|basket|baloncesto|básquetbol|basquete|basquetebol|pallacanestro|basketball|basket|koszykówka|košarka|баскетбол|كرة السلة|篮球
~tennis|tennis|tenis|tênis|ténis|tennis|tenis|теннис|تنس|网球
~judo|judo|judoka|judokas|judoca|judocas|judoki|judoist|дзюдо|дзюдоист|جودو|柔道
~skateboard|skateboard|skateboarding|skate|skateboarding|монопод|скейтбординг|سكيت|滑板
~surfing|surfing|surf|surfe|surfen|surfing|серфинг|ركوب الأمواج|冲浪
~climbing|climbing|escalade|escalada|arrampicata|klettern|klättring|wspinaczka|plezanje|скалолазание|تسلق|攀岩
~cycling|cycling|cyclisme|ciclismo|radsport|cykling|kolarstwo|kolesarstvo|велоспорт|دراجات|自行车
~gymnastics|gymnastics|gymnast|gymnastique|gimnasia|gimnasta|ginástica|ginasta|ginnastica|turnen|turnerin|gymnastik|gimnastyka|gimnastika|гимнастика|гимнастка|جمباز|体操
~boxing|boxing|boxer|boxe|boxeo|boxeador|pugilato|boxen|boxning|boks|бокс|ملاكمة|拳击
~weightlifting|weightlifting|haltérophilie|halterofilia|levantamento de peso|sollevamento pesi|gewichtheben|tyngdlyftning|podnoszenie ciężarów|dviganje uteži|тяжелая атлетика|رفع الأثقال|举重
~fencing|fencing|escrime|esgrima|scherma|fechten|fäktning|szermierka|sabljanje|фехтование|مبارزة|击剑
~rowing|rowing|aviron|remo|canottaggio|rudern|rodd|wioślarstwo|veslanje|гребля|تجديف|赛艇
~sailing|sailing|voile|vela|segeln|segling|żeglarstwo|jadranje|парусный спорт|شراع|帆船
~triathlon|triathlon|triatlón|triatlo|triathlon|triatlon|триатлон|ترايثلون|铁人三项
~handball|handball|balonmano|andebol|handebol|pallamano|handboll|piłka ręczna|rokomet|гандбол|كرة اليد|手球
~volleyball|volleyball|voleibol|vôlei|pallavolo|volleyboll|siatkówka|odbojka|волейбол|الكرة الطائرة|排球
~coach|coach|trainer|entraîneur|sélectionneur|entrenador|técnico|treinador|allenatore|trainer|tränare|förbundskapten|trener|selektor|тренер|مدرب|教练
~doping|doping|dopage|dopaje|doping|dopning|doping|допинг|منشطات|兴奋剂
~qualify|qualify|qualified|qualification|qualifié|qualification|clasifica|clasificado|clasificación|classifica|classificado|classificação|qualificato|qualificazione|qualifiziert|qualifikation|kvalificerad|kvalificering|awans|kwalifikacja|uvrstitev|uvrstil|квалификация|отбор|تأهل|晋级
~women|women|woman|female|femmes|femme|féminine|mujeres|mujer|femenino|mulheres|mulher|feminino|donne|donna|femminile|frauen|frau|kvinnor|kvinna|kobiety|kobieta|ženske|ženska|женщины|женская|النساء|المرأة|女子|女性
~men|men|man|male|hommes|homme|masculin|hombres|hombre|masculino|homens|homem|uomini|uomo|maschile|männer|herren|män|mężczyźni|moški|мужчины|мужская|الرجال|男子
~child|child|children|boy|girl|enfant|enfants|niño|niños|niña|criança|crianças|menino|menina|bambino|bambini|ragazzo|kind|kinder|barn|dziecko|dzieci|otrok|otroci|ребенок|дети|طفل|أطفال|儿童
~school|school|école|escuela|escola|scuola|schule|skola|szkoła|šola|школа|مدرسة|学校
~hospital|hospital|hôpital|hospital|ospedale|krankenhaus|klinik|sjukhus|szpital|bolnišnica|больница|госпиталь|مستشفى|医院
~crash|crash|accident|collision|accidente|choque|acidente|incidente|unfall|absturz|olycka|krasch|wypadek|katastrofa|nesreča|авария|катастрофа|крушение|حادث|事故
~plane|plane|aircraft|airliner|avion|avión|aeronave|avião|aereo|flugzeug|flygplan|samolot|letalo|самолет|طائرة|飞机
~train|train|railway|tren|trem|treno|zug|bahn|tåg|pociąg|vlak|поезд|قطار|火车
~ship|ship|boat|ferry|navire|bateau|barco|buque|navio|barco|nave|barca|schiff|boot|fartyg|båt|statek|łódź|ladja|čoln|корабль|судно|سفينة|船
~war|war|guerre|guerra|krieg|krig|wojna|vojna|война|حرب|战争
~army|army|troops|military|soldiers|armée|militaire|soldats|ejército|militar|soldados|exército|esercito|militare|soldati|armee|militär|soldaten|armé|militär|soldater|armia|wojsko|żołnierze|vojska|vojaki|армия|военные|солдаты|جيش|جنود|军队
~talks|talks|negotiations|summit|meeting|négociations|sommet|réunion|negociaciones|cumbre|reunión|negociações|cúpula|reunião|negoziati|vertice|incontro|verhandlungen|gipfel|treffen|förhandlingar|toppmöte|möte|negocjacje|szczyt|spotkanie|pogajanja|vrh|srečanje|переговоры|саммит|встреча|محادثات|قمة|اجتماع|会谈|峰会
~prices|prices|price|inflation|prix|inflation|precios|inflación|preços|inflação|prezzi|inflazione|preise|inflation|priser|inflation|ceny|inflacja|cene|inflacija|цены|инфляция|أسعار|تضخم|价格|通胀
~economy|economy|economic|économie|économique|economía|económico|economia|econômico|economia|wirtschaft|ekonomi|gospodarka|gospodarstvo|экономика|اقتصاد|经济
~company|company|firm|entreprise|société|empresa|compañía|empresa|azienda|società|unternehmen|firma|företag|bolag|firma|spółka|podjetje|компания|شركة|公司
~oil|oil|pétrole|petróleo|petrolio|öl|olja|ropa|nafta|нефть|نفط|石油
~climate|climate|climat|clima|klima|klimat|podnebje|климат|مناخ|气候
~deal|deal|agreement|accord|acuerdo|acordo|accordo|abkommen|vereinbarung|avtal|överenskommelse|umowa|porozumienie|sporazum|dogovor|соглашение|сделка|اتفاق|اتفاقية|协议
~sanctions|sanctions|sanciones|sanções|sanzioni|sanktionen|sanktioner|sankcje|sankcije|санкции|عقوبات|制裁
~missile|missile|missiles|rocket|missile|misil|cohete|míssil|foguete|missile|razzo|rakete|robot|robot|pocisk|rakieta|raketa|ракета|صاروخ|导弹
~drone|drone|drones|dron|drone|drohne|drönare|dron|dron|беспилотник|дрон|طائرة مسيرة|无人机
~hostage|hostage|hostages|otage|otages|rehén|rehenes|refém|reféns|ostaggio|ostaggi|geisel|gisslan|zakładnik|zakładnicy|talec|talci|заложник|заложники|رهينة|رهائن|人质
~terrorist|terrorist|terrorism|terror|terroriste|terrorisme|terrorista|terrorismo|terrorist|terrorismus|terrorist|terrorism|terrorysta|terroryzm|terorist|terorizem|террорист|терроризм|إرهابي|إرهاب|恐怖
~concert|concert|concierto|concerto|konzert|konsert|koncert|koncert|концерт|حفلة|音乐会
";

/// Names of the days of the week in the gazetteer's languages (with and without
/// diacritics): capitalised in several languages, they are no names of people or things.
const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|\
mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag|måndag|lördag|söndag|\
montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|\
maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|\
lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\
lunes|martes|miercoles|miércoles|jueves|viernes|sabado|sábado|domingo|\
lunedi|lunedì|martedi|martedì|mercoledi|mercoledì|giovedi|giovedì|venerdi|venerdì|\
poniedzialek|poniedziałek|wtorek|sroda|środa|czwartek|piatek|piątek|sobota|niedziela|\
ponedeljek|torek|sreda|cetrtek|četrtek|petek|nedelja|\
pazartesi|sali|salı|carsamba|çarşamba|persembe|perşembe|cuma|cumartesi|pazar|\
понедельник|вторник|среда|четверг|пятница|суббота|воскресенье";

/// Month names (and common abbreviations) in the main languages; line `n` is month `n`.
const MONTHS: &str = "
january|jan|januari|januar|janvier|enero|gennaio|janeiro|januari|stycznia|styczeń|januar|ocak|январь|января|يناير|كانون الثاني
february|feb|februari|februar|février|febrero|febbraio|fevereiro|lutego|luty|februar|şubat|февраль|февраля|فبراير|شباط
march|mar|mars|märz|marzo|março|maart|marca|marzec|marec|mart|март|марта|مارس|آذار
april|apr|avril|abril|aprile|kwietnia|kwiecień|nisan|апрель|апреля|أبريل|نيسان
may|maj|mai|mayo|maggio|maio|mei|maja|mayıs|май|мая|مايو|أيار
june|jun|juni|juin|junio|giugno|junho|czerwca|czerwiec|junij|haziran|июнь|июня|يونيو|حزيران
july|jul|juli|juillet|julio|luglio|julho|lipca|lipiec|julij|temmuz|июль|июля|يوليو|تموز
august|aug|augusti|août|agosto|augustus|sierpnia|sierpień|avgust|ağustos|август|августа|أغسطس|آب
september|sep|sept|septembre|septiembre|settembre|setembro|września|wrzesień|eylül|сентябрь|сентября|سبتمبر|أيلول
october|oct|oktober|octobre|octubre|ottobre|outubro|października|październik|ekim|октябрь|октября|أكتوبر|تشرين الأول
november|nov|novembre|noviembre|novembro|listopada|listopad|kasım|ноябрь|ноября|نوفمبر|تشرين الثاني
december|dec|dezember|décembre|diciembre|dicembre|dezembro|grudnia|grudzień|aralık|декабрь|декабря|ديسمبر|كانون الأول
";

/// Reduces a (possibly multi-word) name to the key used for lookups: each word normalised and
/// stemmed, joined by single spaces.
pub fn name_key(name: &str) -> String {
    joined_words(name, true)
}

/// The words of `name`, each normalised (and stemmed when `stemmed`), joined by single spaces.
fn joined_words(name: &str, stemmed: bool) -> String {
    let mut out = String::new();
    for w in name
        .split(|c: char| !crate::text::is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let n = normalize(w);
        out.push_str(if stemmed { stem(&n) } else { &n });
    }
    out
}

/// The lookup tables built from [`PLACES`], [`CONCEPTS`], CLDR's territories and [`MONTHS`].
pub struct Gazetteer {
    /// Place canonical ids, indexed by place number.
    pub place_names: Vec<&'static str>,
    /// Word key (see [`name_key`]) → place number. The first place listing a key wins.
    pub places: FxHashMap<String, u32>,
    /// Longest place name in words.
    pub max_words: usize,
    /// Last words of the multi-word names: only after one of them is a multi-word lookup tried.
    pub last_words: FxHashSet<String>,
    /// Word key → month (1..=12). Only single-word names.
    pub months: FxHashMap<String, u8>,
    /// Day-of-week names (normalised, stemmed).
    pub weekdays: rustc_hash::FxHashSet<String>,
    /// Automaton over place names written in Han script, with the place number of each pattern.
    pub cjk: Option<(AhoCorasick, Vec<u32>)>,
}

/// The built-in gazetteer, built on first use.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(build);

fn build() -> Gazetteer {
    let mut t = PlaceTables::default();
    // Hand-kept places by their whole names (normalised, not stemmed): how a CLDR territory
    // finds the hand-kept entry it is.
    let mut hand_kept: FxHashMap<String, u32> = FxHashMap::default();
    for line in PLACES
        .lines()
        .chain(CONCEPTS.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let mut parts = line.split('|');
        let Some(canonical) = parts.next() else {
            continue;
        };
        let id = t.place_names.len() as u32;
        t.place_names.push(canonical);
        for name in parts {
            if !canonical.starts_with('~') {
                hand_kept.entry(whole_name(name)).or_insert(id);
            }
            t.add(name, id);
        }
    }
    add_territories(&mut t, &hand_kept);
    let PlaceTables {
        place_names,
        places,
        max_words,
        last_words,
        cjk_patterns,
        cjk_ids,
        ..
    } = t;
    let max_words = max_words.max(1);
    let mut months = FxHashMap::default();
    for (i, line) in MONTHS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        for name in line.split('|') {
            let key = name_key(name);
            if !key.is_empty() && !key.contains(' ') {
                months.entry(key).or_insert(i as u8 + 1);
            }
        }
    }
    let weekdays = WEEKDAYS
        .split('|')
        .map(name_key)
        .filter(|k| !k.is_empty())
        .collect();
    let cjk = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&cjk_patterns)
        .ok()
        .map(|ac| (ac, cjk_ids));
    Gazetteer {
        place_names,
        places,
        max_words,
        last_words,
        months,
        weekdays,
        cjk,
    }
}

/// The place tables while they are built.
#[derive(Default)]
struct PlaceTables {
    place_names: Vec<&'static str>,
    places: FxHashMap<String, u32>,
    max_words: usize,
    last_words: FxHashSet<String>,
    cjk_patterns: Vec<&'static str>,
    cjk_ids: Vec<u32>,
    /// The patterns already in `cjk_patterns`.
    cjk_seen: FxHashSet<&'static str>,
}

impl PlaceTables {
    /// Adds one name of place `id`; a key or Han pattern already listed keeps its first place.
    fn add(&mut self, name: &'static str, id: u32) {
        if name.chars().any(is_cjk) {
            if self.cjk_seen.insert(name) {
                self.cjk_patterns.push(name);
                self.cjk_ids.push(id);
            }
            return;
        }
        let key = name_key(name);
        if key.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        if let Some((_, last)) = key.rsplit_once(' ') {
            self.last_words.insert(last.to_string());
        }
        self.places.entry(key).or_insert(id);
    }
}

/// A name as a whole, for identity between tables: each word normalised (not stemmed), joined
/// by single spaces; Han-script names as they are.
fn whole_name(name: &str) -> String {
    if name.chars().any(is_cjk) {
        return name.to_string();
    }
    joined_words(name, false)
}

/// Lookup keys (see [`name_key`]) of CLDR territory names that are left out because, once
/// normalised and stemmed, they are also a common word or name in some language: every document
/// using the word would share the territory's anchor. `parallax_places` already leaves out the
/// names that are such words as written ("Island", "Mali"); the same words reached through
/// another spelling or script ("Islanda", "Мали", "Jordanien") are left out through
/// `parallax_places::FALSE_FRIENDS` (see [`add_territories`]); these are the others.
const TERRITORY_KEYS_LEFT_OUT: &[&str] = &[
    // Stemming cuts a name down to a common word: "Romania" and "Roman" (English, and the novel
    // in German and Polish), "Albania" and "Albany", "Liberia" and Italian "libero/libera"
    // (free), "Gambia" and Italian "gamba" (leg), "Samoa" and Slovene "samo" (only), Russian
    // "самой", "Palau" and Spanish "pala" (shovel), Greek "Γαλλία" (France) and "Gallois",
    // "Columbia" (Colombia in Romanian) and Columbia/Columbus, Spanish "Camboya" and "cambio"
    // (change), Portuguese "Camarões" and Spanish "cámara", Dutch "Kameroen" and "kamera",
    // Spanish "Malasia"/Italian "Malesia"/Turkish "Malezya" and "malas", "males", "maleza",
    // Spanish "Malaui" and "mala" (bad), "Sambia" and "samba", "Gabão" and "GABA", Greek
    // "Ταϊλάνδη" (Thailand) and "tail", Ukrainian "Росія" and "Rosie", Czech and Slovak
    // "Slovensko" (Slovakia) and Slovene "slovenski" (Slovenian), Finnish "Viro" (Estonia) and
    // Spanish "viró", Czech "Ålandy" and Turkish "alanda", Spanish "Chequia" and "chequeo".
    "roman",
    "alban",
    "liber",
    "gamb",
    "samo",
    "pala",
    "gall",
    "columb",
    "camb",
    "camar",
    "kamer",
    "malas",
    "males",
    "malez",
    "mala",
    "samb",
    "gaba",
    "tail",
    "rosi",
    "slovensk",
    "viro",
    "aland",
    "cheq",
    // Swedish and Danish compounds in "-öarna"/"-øen" (the islands) lose that ending: "Cooköarna"
    // becomes "cook", "Marshallöarna" "marshall", "Färöarna" "faro" (Spanish and Italian
    // "lighthouse"), "Juleøen" "jule" (Christmas); "Keeling" (Cocos Islands) is "keel".
    "cook",
    "marshall",
    "faro",
    "jule",
    "keel",
    // Names shared with cities and people: Norfolk (an English county, a US city), Granada (the
    // Spanish city; Grenada in Spanish), Grenada and "grenade", Salvador, Dominic, Dominique,
    // Dominik, Guadalupe (Guadeloupe in Spanish), Brunei and Bruno.
    "norfolk",
    "granad",
    "grenad",
    "salvador",
    "dominic",
    "dominiq",
    "dominik",
    "guadalup",
    "brun",
    // Arabic and Persian names whose stem is a common word: Bahrain and "بحر" (sea), Mali and
    // "مال"/"مالی" (money, financial), Sudan and "سود" (black; profit in Persian), Gabon and
    // "غاب" (forest), Niue and "نيو" (New as in New Delhi), Persian Germany and "مان", Albania
    // and "بانی" (founder), Iran and "ایر" (air), Burma and "برم", Czechia and "چک" (cheque),
    // Bhutan and "بوت".
    "بحر",
    "مال",
    "مالی",
    "سود",
    "غاب",
    "نيو",
    "مان",
    "بانی",
    "ایر",
    "برم",
    "چک",
    "بوت",
    // Persian "فرانسه" (France) stems to "فرانس", which in Arabic is the "France" of "فرانس برس"
    // (Agence France-Presse), credited in countless articles.
    "فرانس",
    // Korean names that are common words: "수단" (means), "오만" (arrogance), "저지" (Jersey;
    // to block), "건지" (Guernsey; a verb ending), "조지아" (also the US state).
    "수단",
    "오만",
    "저지",
    "건지",
    "조지아",
    // Multi-word names that are common phrases or place names elsewhere: French "La Réunion" is
    // "the meeting"; Saint Martin and Spanish San Martín, Santa Lucía, Santa Elena, San Bartolomé
    // and Saint Helena (Mount St. Helens) name towns, streets and people.
    "la reunion",
    "saint martin",
    "san martin",
    "sant luci",
    "sant elen",
    "saint helen",
    "san bartolom",
];

/// CLDR territory names longer than this many words are left out: news rarely write such
/// names in full ("Saint Vincent and the Grenadines", "United States Minor Outlying Islands"),
/// and the longest name sets the window of words every multi-word lookup joins (the hand-kept
/// table's longest, "United States of America", has four).
const TERRITORY_MAX_WORDS: usize = 4;

/// CLDR territory names in Han script or kana left out because the automaton would also find
/// them inside everyday words of unsegmented text: Japanese "タイ" (Thailand) in "タイム",
/// "タイプ", "タイトル"; "マリ" (Mali) in "マリア"; "チリ" (Chile) in "チリソース"; "アルバ"
/// (Aruba) in "アルバム" and "アルバイト"; "シリア" (Syria) in "シリアル" and "シリアス";
/// "ジャージー" (Jersey) is the garment and "ジョージア" also the US state; Chinese "加纳" (Ghana)
/// in "增加纳税", "马里" (Mali) in "马里奥" and "马里兰", "蒙古" (Mongolia) in "内蒙古" (Inner
/// Mongolia, a Chinese region).
const TERRITORY_PATTERNS_LEFT_OUT: &[&str] = &[
    "タイ",
    "マリ",
    "チリ",
    "アルバ",
    "シリア",
    "ジャージー",
    "ジョージア",
    "加纳",
    "马里",
    "蒙古",
];

/// Adds every CLDR territory (see `parallax_places`): a territory one of whose names is already
/// a hand-kept place (as a whole name, so that "Niger", which stems like "Nigeria", does not
/// join Nigeria) joins that place; the others become new places named by their English name.
/// Names are added after the hand-kept ones, so a hand-kept key keeps its place.
fn add_territories(t: &mut PlaceTables, hand_kept: &FxHashMap<String, u32>) {
    // The keys of the words `parallax_places` leaves out as written: a name in another spelling
    // or script with the same key ("Islanda", "Мали", "Оман", "Jordanien") is the same word to
    // the lookup, which stems and transliterates document words.
    let false_friends: FxHashSet<String> = parallax_places::FALSE_FRIENDS
        .iter()
        .map(|w| name_key(w))
        .collect();
    for region in parallax_places::regions() {
        let known = region
            .names
            .iter()
            .find_map(|n| hand_kept.get(&whole_name(n)).copied());
        let id = known.unwrap_or_else(|| {
            t.place_names.push(region.english.as_str());
            t.place_names.len() as u32 - 1
        });
        for name in &region.names {
            let name = name.as_str();
            let left_out = if name.chars().any(is_cjk) {
                TERRITORY_PATTERNS_LEFT_OUT.contains(&name)
            } else {
                let key = name_key(name);
                TERRITORY_KEYS_LEFT_OUT.contains(&key.as_str())
                    || false_friends.contains(&key)
                    || key.split(' ').count() > TERRITORY_MAX_WORDS
            };
            if !left_out {
                t.add(name, id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str) -> Option<&'static str> {
        let g = &*GAZETTEER;
        g.places
            .get(&name_key(name))
            .map(|&i| g.place_names[i as usize])
    }

    #[test]
    fn russia_across_languages_and_scripts() {
        for n in [
            "Russia",
            "Ryssland",
            "Rysslands",
            "Rosja",
            "Rosji",
            "Россия",
            "России",
            "Russland",
            "Russie",
            "Rusia",
            "روسيا",
        ] {
            assert_eq!(place(n), Some("russia"), "{n}");
        }
        assert_eq!(place("Moskva"), Some("moscow"));
        assert_eq!(place("Москве"), Some("moscow"));
        assert_eq!(place("United States"), Some("usa"));
        assert_eq!(place("USA"), Some("usa"));
        assert_eq!(place("Wednesday"), None);
        for n in [
            "ISIS",
            "IS",
            "Islamic State",
            "Islamiska staten",
            "Państwo Islamskie",
            "داعش",
        ] {
            assert_eq!(place(n), Some("islamic state"), "{n}");
        }
        assert_eq!(place("talibanerna"), Some("taliban"));
    }

    #[test]
    fn han_names_are_in_the_automaton() {
        let (ac, ids) = GAZETTEER.cjk.as_ref().expect("automaton builds");
        let m = ac.find("俄罗斯总统").expect("finds Russia");
        assert_eq!(
            GAZETTEER.place_names[ids[m.pattern().as_usize()] as usize],
            "russia"
        );
    }

    /// The place the automaton finds at the start of `text`.
    fn han_place(text: &str) -> Option<&'static str> {
        let g = &*GAZETTEER;
        let (ac, ids) = g.cjk.as_ref()?;
        let m = ac.find(text).filter(|m| m.start() == 0)?;
        Some(g.place_names[ids[m.pattern().as_usize()] as usize])
    }

    #[test]
    fn a_territory_only_cldr_names_is_one_place_in_every_language() {
        let kenya = place("Kenya");
        assert!(kenya.is_some());
        for n in ["Kenia", "Keňa", "Quênia", "Кения", "كينيا"] {
            assert_eq!(place(n), kenya, "{n}");
        }
        assert_eq!(han_place("肯尼亚"), kenya);
        assert_eq!(han_place("ケニア"), kenya);
        // Multi-word names are found as a whole.
        let nz = place("New Zealand");
        assert!(nz.is_some());
        assert_eq!(place("Nueva Zelanda"), nz);
        assert_eq!(place("Nouvelle-Zélande"), nz);
        assert!(GAZETTEER.max_words >= 3);
        assert!(GAZETTEER.last_words.contains(&name_key("Zealand")));
    }

    #[test]
    fn hand_kept_places_keep_their_ids_and_gain_names() {
        assert_eq!(place("Ryssland"), Some("russia"));
        // Names only CLDR has join the hand-kept place.
        assert_eq!(han_place("ロシア"), Some("russia"));
        assert_eq!(place("Venäjä"), Some("russia"));
        assert_eq!(place("Oroszország"), Some("russia"));
        assert_eq!(place("Großbritannien"), Some("uk"));
        // A key the hand-kept table already uses keeps its place, and only a whole name joins
        // a territory to a hand-kept place: Niger, whose name stems like "Nigeria", is a place
        // of its own in the scripts where its name differs.
        assert_eq!(place("Nigeria"), Some("nigeria"));
        let niger = han_place("尼日尔");
        assert!(niger.is_some_and(|n| n != "nigeria"), "{niger:?}");
        // Concepts are never joined: "Reunión" stays the meeting.
        assert_eq!(place("reunión"), Some("~talks"));
    }

    #[test]
    fn territory_names_that_are_common_words_are_left_out() {
        for n in [
            "Roman",
            "Albany",
            "cookies",
            "males",
            "cambio",
            "grenade",
            "Islanda",
            "Мали",
            "Jordanien",
            "samo",
            "libero",
        ] {
            assert_eq!(place(n), None, "{n}");
        }
        assert_eq!(han_place("タイム"), None);
        assert_eq!(han_place("マリア"), None);
        assert!(han_place("泰国").is_some());
    }

    #[test]
    fn months() {
        let g = &*GAZETTEER;
        assert_eq!(g.months.get(&name_key("febrero")), Some(&2));
        assert_eq!(g.months.get(&name_key("February")), Some(&2));
        assert_eq!(g.months.get(&name_key("февраля")), Some(&2));
    }
}
