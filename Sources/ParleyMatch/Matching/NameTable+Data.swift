extension NameTable {
    /// The standard table: one person-name per line, `key: spellings | patronymics`.
    ///
    /// This is data a person reads and extends: add a missing spelling to its name's line, or a
    /// new line under the right section, then run `python3 scripts/check-names.py`.
    /// It lives in Swift so that the `parley` binary carries it wherever it is copied.
    static let standardText = #"""
# Parley given-name and patronymic equivalence table. UTF-8, no BOM, LF line endings.
# comment lines start with '#'; blank lines ignored
# key: given-name spellings (any script, comma-separated) | patronymic spellings (comma-separated, optional)
#   key: lowercase ASCII, unique (KMU-2010 transliteration of the Ukrainian form).
#   Spellings: Ukrainian Cyrillic, Russian Cyrillic (with and without ё), then Latin forms
#   (KMU 2010, older Ukrainian, Russian passport/ICAO/BGN, Alexander). Male names add after '|'
#   the Ukrainian and Russian male + female patronymics in Cyrillic and Latin; female lines have no '|'.
# One line = one name. A spelling (case-insensitive) may appear on ONE line only; add a missing
# variant to its existing line. Put new names under "# [male]" or "# [female]" (the check uses these).
# After editing run: python3 scripts/check-names.py
#
# Ukrainian forms with an apostrophe are given with both ʼ (U+02BC) and ' (U+0027); loaders should
# also fold ’ (U+2019). Related but distinct names stay on separate lines: Юрій / Георгій / Єгор,
# Ілько / Ілля, Олена / Альона, Дарʼя / Дарина (Данило / Даниїл, Арсен / Арсеній, Артем / Артемій and
# Олекса / Олексій share a line: their skeletons or patronymics coincide),
# Христина / Крістіна, Ірина / Ярина, Охрім / Єфрем.

# [male]  — every line must have patronymics
oleksandr: Олександр, Александр, Oleksandr, Aleksandr, Alexander, Alexandr, Oleksander, Aleksander, Olexandr | Олександрович, Олександрівна, Александрович, Александровна, Oleksandrovych, Oleksandrivna, Aleksandrovich, Aleksandrovna, Alexandrovich, Alexandrovna
serhii: Сергій, Сергей, Serhii, Serhiy, Sergiy, Sergii, Sergei, Sergey | Сергійович, Сергіївна, Сергеевич, Сергеевна, Serhiiovych, Serhiyovych, Serhiivna, Serhiyivna, Sergeevich, Sergeyevich, Sergeevna, Sergeyevna
andrii: Андрій, Андрей, Andrii, Andriy, Andrei, Andrey | Андрійович, Андріївна, Андреевич, Андреевна, Andriiovych, Andriyovych, Andriivna, Andriyivna, Andreevich, Andreyevich, Andreevna, Andreyevna
dmytro: Дмитро, Дмитрій, Дмитрий, Dmytro, Dmytrii, Dmytriy, Dmitrii, Dmitriy, Dmitry, Dmitri, Dmitro | Дмитрович, Дмитрівна, Дмитриевич, Дмитриевна, Dmytrovych, Dmytrivna, Dmitrievich, Dmitriyevich, Dmitrievna, Dmitriyevna
volodymyr: Володимир, Владимир, Volodymyr, Vladimir | Володимирович, Володимирівна, Владимирович, Владимировна, Volodymyrovych, Volodymyrivna, Vladimirovich, Vladimirovna
ivan: Іван, Иван, Ivan | Іванович, Іванівна, Иванович, Ивановна, Ivanovych, Ivanivna, Ivanovich, Ivanovna
maksym: Максим, Maksym, Maksim, Maxim, Maxym | Максимович, Максимівна, Максимовна, Maksymovych, Maksymivna, Maksimovich, Maksimovna
oleh: Олег, Oleh, Oleg | Олегович, Олегівна, Олеговна, Olehovych, Olehivna, Olegovich, Olegovna
vitalii: Віталій, Виталий, Vitalii, Vitaliy, Vitaly, Vitali | Віталійович, Віталіївна, Витальевич, Витальевна, Vitaliiovych, Vitaliyovych, Vitaliivna, Vitaliyivna, Vitalevich, Vitalyevich, Vitalievich, Vitalevna, Vitalyevna, Vitalievna
yurii: Юрій, Юрий, Yurii, Yuriy, Iurii, Yury, Yuri | Юрійович, Юріївна, Юрьевич, Юрьевна, Yuriiovych, Yuriyovych, Yuriivna, Yuriyivna, Iurevich, Yurevich, Yuryevich, Yurievich, Iurevna, Yurevna, Yuryevna, Yurievna
mykola: Микола, Николай, Mykola, Nikolai, Nikolay | Миколайович, Миколаївна, Николаевич, Николаевна, Mykolaiovych, Mykolayovych, Mykolaivna, Mykolayivna, Nikolaevich, Nikolayevich, Nikolaevna, Nikolayevna
yevhen: Євген, Євгеній, Евгений, Yevhen, Yevgen, Ievgen, Yevhenii, Yevheniy, Yevgeniy, Ievgenii, Evgenii, Evgeniy, Yevgeny, Evgeny, Yevgeni, Evgen | Євгенович, Євгенівна, Евгеньевич, Евгеньевна, Yevhenovych, Yevhenivna, Evgenevich, Yevgenyevich, Evgenievich, Evgenevna, Yevgenyevna, Evgenievna
vasyl: Василь, Василий, Vasyl, Vasyl', Vasilii, Vasiliy, Vasily, Vasili | Васильович, Василівна, Васильевич, Васильевна, Vasylovych, Vasylivna, Vasilevich, Vasilyevich, Vasilievich, Vasilevna, Vasilyevna, Vasilievna
oleksii: Олексій, Алексей, Oleksii, Oleksiy, Aleksei, Aleksey, Alexey, Alexei, Olexiy, Olexii, Олекса, Oleksa | Олексійович, Олексіївна, Алексеевич, Алексеевна, Oleksiiovych, Oleksiyovych, Oleksiivna, Oleksiyivna, Alekseevich, Alekseyevich, Alekseevna, Alekseyevna, Alexeevich, Alexeyevich, Alexeevna, Олексович, Олексівна, Олексовна, Oleksovych, Oleksivna, Oleksovich, Oleksovna
roman: Роман, Roman | Романович, Романівна, Романовна, Romanovych, Romanivna, Romanovich, Romanovna
viktor: Віктор, Виктор, Viktor | Вікторович, Вікторівна, Викторович, Викторовна, Viktorovych, Viktorivna, Viktorovich, Viktorovna
denys: Денис, Denys, Denis | Денисович, Денисівна, Денисовна, Denysovych, Denysivna, Denisovich, Denisovna
mykhailo: Михайло, Михаил, Mykhailo, Mykhaylo, Mikhail | Михайлович, Михайлівна, Михайловна, Mykhailovych, Mykhaylovych, Mykhailivna, Mykhaylivna, Mikhailovich, Mikhaylovich, Mikhailovna, Mikhaylovna
artem: Артем, Артьом, Артём, Artem, Artyom, Artiom, Артемій, Артемий, Artemii, Artemiy, Artemy, Artemi | Артемович, Артемівна, Артёмович, Артёмовна, Артемовна, Artemovych, Artemivna, Artemovich, Artyomovich, Artemovna, Artyomovna, Артемійович, Артеміївна, Артемьевич, Артемьевна, Artemiiovych, Artemiyovych, Artemiivna, Artemiyivna, Artemevich, Artemyevich, Artemievich, Artemevna, Artemyevna, Artemievna
ihor: Ігор, Игорь, Ihor, Igor, Igor' | Ігорович, Ігорівна, Игоревич, Игоревна, Ihorovych, Ihorivna, Igorevich, Igorevna
ruslan: Руслан, Ruslan | Русланович, Русланівна, Руслановна, Ruslanovych, Ruslanivna, Ruslanovich, Ruslanovna
bohdan: Богдан, Bohdan, Bogdan | Богданович, Богданівна, Богдановна, Bohdanovych, Bohdanivna, Bogdanovich, Bogdanovna
viacheslav: Вʼячеслав, В'ячеслав, Вячеслав, Viacheslav, Vyacheslav | Вʼячеславович, В'ячеславович, Вʼячеславівна, В'ячеславівна, Вячеславович, Вячеславовна, Viacheslavovych, Vyacheslavovych, Viacheslavivna, Vyacheslavivna, Viacheslavovich, Vyacheslavovich, Viacheslavovna, Vyacheslavovna
vadym: Вадим, Vadym, Vadim | Вадимович, Вадимівна, Вадимовна, Vadymovych, Vadymivna, Vadimovich, Vadimovna
anton: Антон, Anton | Антонович, Антонівна, Антоновна, Antonovych, Antonivna, Antonovich, Antonovna
vladyslav: Владислав, Vladyslav, Vladislav | Владиславович, Владиславівна, Владиславовна, Vladyslavovych, Vladyslavivna, Vladislavovich, Vladislavovna
pavlo: Павло, Павел, Pavlo, Pavel | Павлович, Павлівна, Павловна, Pavlovych, Pavlivna, Pavlovich, Pavlovna
kostiantyn: Костянтин, Константин, Kostiantyn, Kostyantyn, Konstantin | Костянтинович, Костянтинівна, Константинович, Константиновна, Kostiantynovych, Kostyantynovych, Kostiantynivna, Kostyantynivna, Konstantinovich, Konstantinovna
yaroslav: Ярослав, Yaroslav, Iaroslav | Ярославович, Ярославівна, Ярославовна, Yaroslavovych, Yaroslavivna, Iaroslavovich, Yaroslavovich, Iaroslavovna, Yaroslavovna
illia: Ілля, Илья, Illia, Illya, Ilia, Ilya, Il'ya | Ілліч, Іллівна, Ильич, Ильинична, Illich, Illivna, Ilich, Ilinichna, Ilyich, Ilyinichna
anatolii: Анатолій, Анатолий, Anatolii, Anatoliy, Anatoly, Anatoli | Анатолійович, Анатоліївна, Анатольевич, Анатольевна, Anatoliiovych, Anatoliyovych, Anatoliivna, Anatoliyivna, Anatolevich, Anatolyevich, Anatolievich, Anatolevna, Anatolyevna, Anatolievna
petro: Петро, Пётр, Петр, Petro, Petr, Pyotr | Петрович, Петрівна, Петровна, Petrovych, Petrivna, Petrovich, Petrovna
kyrylo: Кирило, Кирилл, Kyrylo, Kirill, Kyril | Кирилович, Кирилівна, Кириллович, Кирилловна, Kyrylovych, Kyrylivna, Kirillovich, Kirillovna
nazar: Назар, Nazar | Назарович, Назарівна, Назаровна, Nazarovych, Nazarivna, Nazarovich, Nazarovna
danylo: Данило, Даніл, Данила, Данил, Danylo, Danil, Danila, Danilo, Даниїл, Даніїл, Даниил, Danyil, Daniil | Данилович, Данилівна, Даниловна, Danylovych, Danylivna, Danilovich, Danilovna, Даниїлович, Даниїлівна, Даніїлович, Даніїлівна, Даниилович, Данииловна, Danyilovych, Danyilivna, Daniilovych, Daniilivna, Daniilovich, Daniilovna
taras: Тарас, Taras | Тарасович, Тарасівна, Тарасовна, Tarasovych, Tarasivna, Tarasovich, Tarasovna
valerii: Валерій, Валерий, Valerii, Valeriy, Valery, Valeri | Валерійович, Валеріївна, Валерьевич, Валерьевна, Valeriiovych, Valeriyovych, Valeriivna, Valeriyivna, Valerevich, Valeryevich, Valerievich, Valerevna, Valeryevna, Valerievna
stanislav: Станіслав, Станислав, Stanislav | Станіславович, Станіславівна, Станиславович, Станиславовна, Stanislavovych, Stanislavivna, Stanislavovich, Stanislavovna
mykyta: Микита, Нікіта, Никита, Mykyta, Nikita | Микитович, Микитівна, Нікітович, Нікітівна, Никитич, Никитична, Никитович, Никитовна, Mykytovych, Mykytivna, Nikitovych, Nikitivna, Nikitich, Nikitichna, Nikitovich, Nikitovna
rostyslav: Ростислав, Rostyslav, Rostislav | Ростиславович, Ростиславівна, Ростиславовна, Rostyslavovych, Rostyslavivna, Rostislavovich, Rostislavovna
eduard: Едуард, Эдуард, Eduard | Едуардович, Едуардівна, Эдуардович, Эдуардовна, Eduardovych, Eduardivna, Eduardovich, Eduardovna
hennadii: Геннадій, Геннадий, Hennadii, Hennadiy, Gennadiy, Gennadii, Gennady, Gennadi | Геннадійович, Геннадіївна, Геннадьевич, Геннадьевна, Hennadiiovych, Hennadiyovych, Hennadiivna, Hennadiyivna, Gennadevich, Gennadyevich, Gennadievich, Gennadevna, Gennadyevna, Gennadievna
sviatoslav: Святослав, Sviatoslav, Svyatoslav | Святославович, Святославівна, Святославовна, Sviatoslavovych, Svyatoslavovych, Sviatoslavivna, Svyatoslavivna, Sviatoslavovich, Svyatoslavovich, Sviatoslavovna, Svyatoslavovna
hryhorii: Григорій, Григорий, Hryhorii, Hryhoriy, Grygoriy, Grygorii, Grigorii, Grigoriy, Grigory, Grigori | Григорійович, Григоріївна, Григорьевич, Григорьевна, Hryhoriiovych, Hryhoriyovych, Hryhoriivna, Hryhoriyivna, Grigorevich, Grigoryevich, Grigorievich, Grigorevna, Grigoryevna, Grigorievna
valentyn: Валентин, Valentyn, Valentin | Валентинович, Валентинівна, Валентиновна, Valentynovych, Valentynivna, Valentinovich, Valentinovna
stepan: Степан, Stepan | Степанович, Степанівна, Степановна, Stepanovych, Stepanivna, Stepanovich, Stepanovna
leonid: Леонід, Леонид, Leonid | Леонідович, Леонідівна, Леонидович, Леонидовна, Leonidovych, Leonidivna, Leonidovich, Leonidovna
fedir: Федір, Фёдор, Федор, Fedir, Fedor, Fyodor | Федорович, Федорівна, Фёдорович, Фёдоровна, Федоровна, Fedorovych, Fedorivna, Fedorovich, Fyodorovich, Fedorovna, Fyodorovna
matvii: Матвій, Матвей, Matvii, Matviy, Matvei, Matvey | Матвійович, Матвіївна, Матвеевич, Матвеевна, Matviiovych, Matviyovych, Matviivna, Matviyivna, Matveevich, Matveyevich, Matveevna, Matveyevna
myroslav: Мирослав, Myroslav, Miroslav | Мирославович, Мирославівна, Мирославовна, Myroslavovych, Myroslavivna, Miroslavovich, Miroslavovna
arsen: Арсен, Arsen, Арсеній, Арсений, Arsenii, Arseniy, Arseny, Arseni | Арсенович, Арсенівна, Арсеновна, Arsenovych, Arsenivna, Arsenovich, Arsenovna, Арсенійович, Арсеніївна, Арсеньевич, Арсеньевна, Arseniiovych, Arseniyovych, Arseniivna, Arseniyivna, Arsenevich, Arsenyevich, Arsenievich, Arsenevna, Arsenyevna, Arsenievna
tymur: Тимур, Tymur, Timur | Тимурович, Тимурівна, Тимуровна, Tymurovych, Tymurivna, Timurovich, Timurovna
heorhii: Георгій, Георгий, Heorhii, Heorhiy, Georgiy, Georgii, Georgy, Georgi | Георгійович, Георгіївна, Георгиевич, Георгиевна, Heorhiiovych, Heorhiyovych, Heorhiivna, Heorhiyivna, Georgievich, Georgiyevich, Georgievna, Georgiyevna
borys: Борис, Borys, Boris | Борисович, Борисівна, Борисовна, Borysovych, Borysivna, Borisovich, Borisovna
zakhar: Захар, Zakhar | Захарович, Захарівна, Захаровна, Zakharovych, Zakharivna, Zakharovich, Zakharovna
tymofii: Тимофій, Тимофей, Tymofii, Tymofiy, Timofei, Timofey | Тимофійович, Тимофіївна, Тимофеевич, Тимофеевна, Tymofiiovych, Tymofiyovych, Tymofiivna, Tymofiyivna, Timofeevich, Timofeyevich, Timofeevna, Timofeyevna
ostap: Остап, Ostap | Остапович, Остапівна, Остаповна, Ostapovych, Ostapivna, Ostapovich, Ostapovna
arkadii: Аркадій, Аркадий, Arkadii, Arkadiy, Arkady, Arkadi | Аркадійович, Аркадіївна, Аркадьевич, Аркадьевна, Arkadiiovych, Arkadiyovych, Arkadiivna, Arkadiyivna, Arkadevich, Arkadyevich, Arkadievich, Arkadevna, Arkadyevna, Arkadievna
pylyp: Пилип, Филипп, Pylyp, Filipp, Filip | Пилипович, Пилипівна, Филиппович, Филипповна, Pylypovych, Pylypivna, Filippovich, Filippovna
orest: Орест, Orest | Орестович, Орестівна, Орестовна, Orestovych, Orestivna, Orestovich, Orestovna
marko: Марко, Марк, Marko, Mark | Маркович, Марківна, Марковна, Markovych, Markivna, Markovich, Markovna
makar: Макар, Makar | Макарович, Макарівна, Макаровна, Makarovych, Makarivna, Makarovich, Makarovna
vsevolod: Всеволод, Vsevolod | Всеволодович, Всеволодівна, Всеволодовна, Vsevolodovych, Vsevolodivna, Vsevolodovich, Vsevolodovna
yakiv: Яків, Яков, Yakiv, Iakiv, Iakov, Yakov | Якович, Яківна, Яковлевич, Яковлевна, Yakovych, Yakivna, Iakovlevich, Yakovlevich, Iakovlevna, Yakovlevna
semen: Семен, Семён, Semen, Semyon | Семенович, Семенівна, Семёнович, Семёновна, Семеновна, Semenovych, Semenivna, Semenovich, Semyonovich, Semenovna, Semyonovna
liubomyr: Любомир, Liubomyr, Lyubomyr, Liubomir, Lyubomir, Lubomyr | Любомирович, Любомирівна, Любомировна, Liubomyrovych, Lyubomyrovych, Liubomyrivna, Lyubomyrivna, Liubomirovich, Lyubomirovich, Liubomirovna, Lyubomirovna
zinovii: Зіновій, Зеновій, Зиновий, Zinovii, Zinoviy, Zenovii, Zenoviy, Zinovy, Zinovi | Зіновійович, Зіновіївна, Зеновійович, Зеновіївна, Зиновьевич, Зиновьевна, Zinoviiovych, Zinoviyovych, Zinoviivna, Zinoviyivna, Zenoviiovych, Zenoviyovych, Zenoviivna, Zenoviyivna, Zinovevich, Zinovyevich, Zinovievich, Zinovevna, Zinovyevna, Zinovievna
lev: Лев, Lev | Львович, Львівна, Львовна, Lvovych, Lvivna, Lvovich, Lvovna
yosyp: Йосип, Осип, Иосиф, Yosyp, Iosyp, Osyp, Iosif, Osip, Josyp | Йосипович, Йосипівна, Осипович, Осипівна, Иосифович, Иосифовна, Осиповна, Yosypovych, Yosypivna, Osypovych, Osypivna, Iosifovich, Iosifovna, Osipovich, Osipovna
hnat: Гнат, Ігнат, Игнат, Игнатий, Hnat, Gnat, Ihnat, Ignat, Ignatii, Ignatiy, Ignaty, Ignati | Гнатович, Гнатівна, Ігнатович, Ігнатівна, Игнатович, Игнатовна, Игнатьевич, Игнатьевна, Hnatovych, Hnativna, Ihnatovych, Ihnativna, Ignatovich, Ignatovna, Ignatevich, Ignatyevich, Ignatievich, Ignatevna, Ignatyevna, Ignatievna
panas: Панас, Опанас, Афанасій, Афанасий, Panas, Opanas, Afanasii, Afanasiy, Afanasy, Afanasi | Панасович, Панасівна, Опанасович, Опанасівна, Афанасійович, Афанасіївна, Афанасьевич, Афанасьевна, Panasovych, Panasivna, Opanasovych, Opanasivna, Afanasiiovych, Afanasiyovych, Afanasiivna, Afanasiyivna, Afanasevich, Afanasyevich, Afanasievich, Afanasevna, Afanasyevna, Afanasievna
veniamin: Веніамін, Вениамин, Veniamin | Веніамінович, Веніамінівна, Вениаминович, Вениаминовна, Veniaminovych, Veniaminivna, Veniaminovich, Veniaminovna
yulian: Юліан, Юлиан, Yulian, Iulian | Юліанович, Юліанівна, Юлианович, Юлиановна, Yulianovych, Yulianivna, Iulianovich, Yulianovich, Iulianovna, Yulianovna
ilko: Ілько, Илько, Ilko, Il'ko | Ількович, Ільківна, Илькович, Ильковна, Ilkovych, Ilkivna, Ilkovich, Ilkovna
omelian: Омелян, Емельян, Omelian, Omelyan, Emelian, Emelyan, Yemelyan, Yemel'yan | Омелянович, Омелянівна, Емельянович, Емельяновна, Omelianovych, Omelyanovych, Omelianivna, Omelyanivna, Emelianovich, Emelyanovich, Yemelyanovich, Emelianovna, Emelyanovna, Yemelyanovna
myron: Мирон, Myron, Miron | Миронович, Миронівна, Мироновна, Myronovych, Myronivna, Mironovich, Mironovna
okhrim: Охрім, Охрим, Okhrim | Охрімович, Охрімівна, Охримович, Охримовна, Okhrimovych, Okhrimivna, Okhrimovich, Okhrimovna
kuzma: Кузьма, Kuzma, Kuz'ma | Кузьмич, Кузьмівна, Кузьминична, Kuzmych, Kuzmivna, Kuzmich, Kuzminichna
luka: Лука, Luka | Лукич, Луківна, Лукинична, Lukych, Lukivna, Lukich, Lukinichna
khoma: Хома, Фома, Khoma, Foma | Хомич, Хомівна, Фомич, Фомівна, Фоминична, Khomych, Khomivna, Fomych, Fomivna, Fomich, Fominichna
yehor: Єгор, Егор, Yehor, Yegor, Iegor, Egor | Єгорович, Єгорівна, Егорович, Егоровна, Yehorovych, Yehorivna, Egorovich, Yegorovich, Egorovna, Yegorovna
hlib: Гліб, Глеб, Hlib, Glib, Gleb | Глібович, Глібівна, Глебович, Глебовна, Hlibovych, Hlibivna, Glebovich, Glebovna
vlad: Влад, Vlad | Владович, Владівна, Владовна, Vladovych, Vladivna, Vladovich, Vladovna
artur: Артур, Artur | Артурович, Артурівна, Артуровна, Arturovych, Arturivna, Arturovich, Arturovna
davyd: Давид, Davyd, David | Давидович, Давидівна, Давидовна, Davydovych, Davydivna, Davidovich, Davidovna
demyd: Демид, Demyd, Demid | Демидович, Демидівна, Демидовна, Demydovych, Demydivna, Demidovich, Demidovna
demian: Демʼян, Дем'ян, Демьян, Demian, Demyan, Dem'yan | Демʼянович, Дем'янович, Демʼянівна, Дем'янівна, Демьянович, Демьяновна, Demianovych, Demyanovych, Demianivna, Demyanivna, Demianovich, Demyanovich, Demianovna, Demyanovna
eldar: Ельдар, Эльдар, Eldar, El'dar | Ельдарович, Ельдарівна, Эльдарович, Эльдаровна, Eldarovych, Eldarivna, Eldarovich, Eldarovna
emil: Еміль, Эмиль, Emil, Emil' | Емільович, Емілівна, Эмилевич, Эмилевна, Эмильевич, Эмильевна, Emilovych, Emilivna, Emilevich, Emilevna, Emilyevich, Emilievich, Emilyevna, Emilievna
yukhym: Юхим, Ефим, Yukhym, Iukhym, Efim, Yefim | Юхимович, Юхимівна, Ефимович, Ефимовна, Yukhymovych, Yukhymivna, Efimovich, Yefimovich, Efimovna, Yefimovna
yefrem: Єфрем, Ефрем, Yefrem, Iefrem, Efrem | Єфремович, Єфремівна, Ефремович, Ефремовна, Yefremovych, Yefremivna, Efremovich, Yefremovich, Efremovna, Yefremovna
ilarion: Іларіон, Ілларіон, Илларион, Ilarion, Illarion | Іларіонович, Іларіонівна, Ілларіонович, Ілларіонівна, Илларионович, Илларионовна, Ilarionovych, Ilarionivna, Illarionovych, Illarionivna, Illarionovich, Illarionovna
inokentii: Інокентій, Иннокентий, Inokentii, Inokentiy, Innokentii, Innokentiy, Innokenty, Innokenti | Інокентійович, Інокентіївна, Иннокентьевич, Иннокентьевна, Inokentiiovych, Inokentiyovych, Inokentiivna, Inokentiyivna, Innokentevich, Innokentyevich, Innokentievich, Innokentevna, Innokentyevna, Innokentievna
klym: Клим, Klym, Klim | Климович, Климівна, Климовна, Klymovych, Klymivna, Klimovich, Klimovna
kornii: Корній, Корней, Kornii, Korniy, Kornei, Korney | Корнійович, Корніївна, Корнеевич, Корнеевна, Korniiovych, Korniyovych, Korniivna, Korniyivna, Korneevich, Korneyevich, Korneevna, Korneyevna
lavrentii: Лаврентій, Лаврентий, Lavrentii, Lavrentiy, Lavrenty, Lavrenti | Лаврентійович, Лаврентіївна, Лаврентьевич, Лаврентьевна, Lavrentiiovych, Lavrentiyovych, Lavrentiivna, Lavrentiyivna, Lavrentevich, Lavrentyevich, Lavrentievich, Lavrentevna, Lavrentyevna, Lavrentievna
martyn: Мартин, Мартын, Martyn | Мартинович, Мартинівна, Мартынович, Мартыновна, Martynovych, Martynivna, Martynovich, Martynovna
marat: Марат, Marat | Маратович, Маратівна, Маратовна, Maratovych, Marativna, Maratovich, Maratovna
marian: Марʼян, Мар'ян, Марьян, Marian, Maryan, Mar'yan | Марʼянович, Мар'янович, Марʼянівна, Мар'янівна, Марьянович, Марьяновна, Marianovych, Maryanovych, Marianivna, Maryanivna, Marianovich, Maryanovich, Marianovna, Maryanovna
mstyslav: Мстислав, Mstyslav, Mstislav | Мстиславович, Мстиславівна, Мстиславовна, Mstyslavovych, Mstyslavivna, Mstislavovich, Mstislavovna
nykyfor: Никифор, Nykyfor, Nikifor | Никифорович, Никифорівна, Никифоровна, Nykyforovych, Nykyforivna, Nikiforovich, Nikiforovna
nestor: Нестор, Nestor | Несторович, Несторівна, Несторовна, Nestorovych, Nestorivna, Nestorovich, Nestorovna
oskar: Оскар, Oskar | Оскарович, Оскарівна, Оскаровна, Oskarovych, Oskarivna, Oskarovich, Oskarovna
platon: Платон, Platon | Платонович, Платонівна, Платоновна, Platonovych, Platonivna, Platonovich, Platonovna
prokhor: Прохор, Prokhor | Прохорович, Прохорівна, Прохоровна, Prokhorovych, Prokhorivna, Prokhorovich, Prokhorovna
renat: Ренат, Renat | Ренатович, Ренатівна, Ренатовна, Renatovych, Renativna, Renatovich, Renatovna
rynat: Ринат, Rynat, Rinat | Ринатович, Ринатівна, Ринатовна, Rynatovych, Rynativna, Rinatovich, Rinatovna
rodion: Родіон, Родион, Rodion | Родіонович, Родіонівна, Родионович, Родионовна, Rodionovych, Rodionivna, Rodionovich, Rodionovna
rustam: Рустам, Rustam | Рустамович, Рустамівна, Рустамовна, Rustamovych, Rustamivna, Rustamovich, Rustamovna
savelii: Савелій, Савелий, Savelii, Saveliy, Savely, Saveli | Савелійович, Савеліївна, Савельевич, Савельевна, Saveliiovych, Saveliyovych, Saveliivna, Saveliyivna, Savelevich, Savelyevich, Savelievich, Savelevna, Savelyevna, Savelievna
sava: Сава, Савва, Sava, Savva | Савович, Савівна, Саввич, Саввична, Savovych, Savivna, Savvich, Savvichna
severyn: Северин, Severyn, Severin | Северинович, Северинівна, Севериновна, Severynovych, Severynivna, Severinovich, Severinovna
serafym: Серафим, Serafym, Serafim | Серафимович, Серафимівна, Серафимовна, Serafymovych, Serafymivna, Serafimovich, Serafimovna
tykhon: Тихон, Tykhon, Tikhon | Тихонович, Тихонівна, Тихоновна, Tykhonovych, Tykhonivna, Tikhonovich, Tikhonovna
trokhym: Трохим, Трофим, Trokhym, Trofim | Трохимович, Трохимівна, Трофимович, Трофимовна, Trokhymovych, Trokhymivna, Trofimovich, Trofimovna
feliks: Фелікс, Феликс, Feliks | Феліксович, Феліксівна, Феликсович, Феликсовна, Feliksovych, Feliksivna, Feliksovich, Feliksovna
kharyton: Харитон, Kharyton, Khariton | Харитонович, Харитонівна, Харитоновна, Kharytonovych, Kharytonivna, Kharitonovich, Kharitonovna
yulii: Юлій, Юлий, Yulii, Yuliy, Iulii, Yuly, Yuli | Юлійович, Юліївна, Юльевич, Юльевна, Yuliiovych, Yuliyovych, Yuliivna, Yuliyivna, Iulevich, Yulevich, Yulyevich, Yulievich, Iulevna, Yulevna, Yulyevna, Yulievna
yan: Ян, Yan, Ian | Янович, Янівна, Яновна, Yanovych, Yanivna, Ianovich, Yanovich, Ianovna, Yanovna
yarema: Ярема, Еремей, Yarema, Iarema, Eremei, Eremey, Yeremey | Яремович, Яремівна, Еремеевич, Еремеевна, Yaremovych, Yaremivna, Eremeevich, Yeremeyevich, Eremeevna, Yeremeyevna
damyr: Дамир, Damyr, Damir | Дамирович, Дамирівна, Дамировна, Damyrovych, Damyrivna, Damirovich, Damirovna
ramil: Раміль, Рамиль, Ramil, Ramil' | Рамільович, Рамілівна, Рамилевич, Рамилевна, Рамильевич, Рамильевна, Ramilovych, Ramilivna, Ramilevich, Ramilevna, Ramilyevich, Ramilievich, Ramilyevna, Ramilievna
ildar: Ільдар, Ильдар, Ildar, Il'dar | Ільдарович, Ільдарівна, Ильдарович, Ильдаровна, Ildarovych, Ildarivna, Ildarovich, Ildarovna
aidar: Айдар, Aidar, Aydar | Айдарович, Айдарівна, Айдаровна, Aidarovych, Aydarovych, Aidarivna, Aydarivna, Aidarovich, Aydarovich, Aidarovna, Aydarovna
azat: Азат, Azat | Азатович, Азатівна, Азатовна, Azatovych, Azativna, Azatovich, Azatovna
albert: Альберт, Albert, Al'bert | Альбертович, Альбертівна, Альбертовна, Albertovych, Albertivna, Albertovich, Albertovna
herman: Герман, Herman, German | Германович, Германівна, Германовна, Hermanovych, Hermanivna, Germanovich, Germanovna
hordii: Гордій, Гордей, Hordii, Hordiy, Gordiy, Gordii, Gordei, Gordey | Гордійович, Гордіївна, Гордеевич, Гордеевна, Hordiiovych, Hordiyovych, Hordiivna, Hordiyivna, Gordeevich, Gordeyevich, Gordeevna, Gordeyevna
yelysei: Єлисей, Елисей, Yelysei, Yelysey, Ielysei, Elisei, Elisey, Yelisey | Єлисейович, Єлисеївна, Елисеевич, Елисеевна, Yelyseiovych, Yelyseyovych, Yelyseivna, Yelyseyivna, Eliseevich, Yeliseyevich, Eliseevna, Yeliseyevna
oles: Олесь, Oles, Oles' | Олесьович, Олесівна, Олесевич, Олесевна, Olesovych, Olesivna, Olesevich, Olesevna
erik: Ерік, Эрик, Erik | Ерікович, Еріківна, Эрикович, Эриковна, Erikovych, Erikivna, Erikovich, Erikovna
bronislav: Броніслав, Бронислав, Bronislav | Броніславович, Броніславівна, Брониславович, Брониславовна, Bronislavovych, Bronislavivna, Bronislavovich, Bronislavovna
valerian: Валеріан, Валериан, Valerian | Валеріанович, Валеріанівна, Валерианович, Валериановна, Valerianovych, Valerianivna, Valerianovich, Valerianovna
havrylo: Гаврило, Гавриил, Гаврила, Havrylo, Gavrylo, Gavriil, Gavrila | Гаврилович, Гаврилівна, Гавриилович, Гаврииловна, Гавриловна, Havrylovych, Havrylivna, Gavriilovich, Gavriilovna, Gavrilovich, Gavrilovna
lukian: Лукʼян, Лук'ян, Лукьян, Lukian, Lukyan, Luk'yan | Лукʼянович, Лук'янович, Лукʼянівна, Лук'янівна, Лукьянович, Лукьяновна, Lukianovych, Lukyanovych, Lukianivna, Lukyanivna, Lukianovich, Lukyanovich, Lukianovna, Lukyanovna
naum: Наум, Naum | Наумович, Наумівна, Наумовна, Naumovych, Naumivna, Naumovich, Naumovna
prokip: Прокіп, Прокопий, Prokip, Prokopii, Prokopiy, Prokopy, Prokopi | Прокопович, Прокопівна, Прокопьевич, Прокопьевна, Prokopovych, Prokopivna, Prokopevich, Prokopyevich, Prokopievich, Prokopevna, Prokopyevna, Prokopievna
robert: Роберт, Robert | Робертович, Робертівна, Робертовна, Robertovych, Robertivna, Robertovich, Robertovna
filimon: Філімон, Филимон, Filimon | Філімонович, Філімонівна, Филимонович, Филимоновна, Filimonovych, Filimonivna, Filimonovich, Filimonovna
adam: Адам, Adam | Адамович, Адамівна, Адамовна, Adamovych, Adamivna, Adamovich, Adamovna
vlas: Влас, Vlas | Власович, Власівна, Власовна, Vlasovych, Vlasivna, Vlasovich, Vlasovna
vikentii: Вікентій, Викентий, Vikentii, Vikentiy, Vikenty, Vikenti | Вікентійович, Вікентіївна, Викентьевич, Викентьевна, Vikentiiovych, Vikentiyovych, Vikentiivna, Vikentiyivna, Vikentevich, Vikentyevich, Vikentievich, Vikentevna, Vikentyevna, Vikentievna
kazymyr: Казимир, Kazymyr, Kazimir | Казимирович, Казимирівна, Казимировна, Kazymyrovych, Kazymyrivna, Kazimirovich, Kazimirovna
adrian: Адріан, Адриан, Adrian | Адріанович, Адріанівна, Адрианович, Адриановна, Adrianovych, Adrianivna, Adrianovich, Adrianovna
leon: Леон, Leon | Леонович, Леонівна, Леоновна, Leonovych, Leonivna, Leonovich, Leonovna

# [female]  — no patronymic part
nataliia: Наталія, Наталя, Наталья, Наталия, Nataliia, Nataliya, Natalia, Natalya, Natal'ya
olena: Олена, Елена, Olena, Elena, Yelena, Ielena
iryna: Ірина, Ирина, Iryna, Irina
svitlana: Світлана, Светлана, Svitlana, Svetlana
tetiana: Тетяна, Татьяна, Tetiana, Tetyana, Tatiana, Tatyana, Tat'yana
olha: Ольга, Olha, Olga, Ol'ha, Ol'ga
oksana: Оксана, Oksana
kateryna: Катерина, Екатерина, Kateryna, Ekaterina, Yekaterina, Katerina
yuliia: Юлія, Юлия, Yuliia, Yuliya, Iuliia, Yulia, Iulia
hanna: Ганна, Анна, Hanna, Ganna, Anna
mariia: Марія, Мария, Mariia, Mariya, Maria
anastasiia: Анастасія, Анастасия, Anastasiia, Anastasiya, Anastasia
viktoriia: Вікторія, Виктория, Viktoriia, Viktoriya, Viktoria
liudmyla: Людмила, Liudmyla, Lyudmyla, Liudmila, Lyudmila, Ludmila, Ludmyla
inna: Інна, Инна, Inna
alina: Аліна, Алина, Alina
khrystyna: Христина, Khrystyna, Khristina, Hristina
maryna: Марина, Maryna, Marina
liubov: Любов, Любовь, Liubov, Lyubov, Lyubov', Lubov
nadiia: Надія, Надежда, Nadiia, Nadiya, Nadezhda, Nadia
yana: Яна, Yana, Iana
halyna: Галина, Halyna, Galyna, Galina
larysa: Лариса, Larysa, Larisa
valentyna: Валентина, Valentyna, Valentina
alla: Алла, Alla
daria: Дарʼя, Дар'я, Дарья, Daria, Darya, Dar'ya, Dariya
vira: Віра, Вера, Vira, Vera
nina: Ніна, Нина, Nina
sofiia: Софія, София, Софья, Sofiia, Sofiya, Sofia, Sofya, Sof'ya
lidiia: Лідія, Лидия, Lidiia, Lidiya, Lidia
tamara: Тамара, Tamara
alona: Альона, Алёна, Алена, Alona, Alena, Alyona, Aliona
daryna: Дарина, Daryna, Darina
kseniia: Ксенія, Ксения, Kseniia, Kseniya, Ksenia
yevheniia: Євгенія, Евгения, Yevheniia, Yevheniya, Yevgeniya, Ievgeniia, Evgeniia, Evgeniya, Evgenia, Yevgenia
oleksandra: Олександра, Александра, Oleksandra, Aleksandra, Alexandra, Olexandra
valeriia: Валерія, Валерия, Valeriia, Valeriya, Valeria
veronika: Вероніка, Вероника, Veronika
diana: Діана, Диана, Diana
anhelina: Ангеліна, Ангелина, Anhelina, Angelina
karyna: Карина, Karyna, Karina
kristina: Крістіна, Кристина, Kristina, Krystyna
marharyta: Маргарита, Marharyta, Margaryta, Margarita
myroslava: Мирослава, Myroslava, Miroslava
yaroslava: Ярослава, Yaroslava, Iaroslava
vladyslava: Владислава, Vladyslava, Vladislava
stanislava: Станіслава, Станислава, Stanislava
bohdana: Богдана, Bohdana, Bogdana
zoia: Зоя, Zoia, Zoya
raisa: Раїса, Раиса, Raisa
zhanna: Жанна, Zhanna
evelina: Евеліна, Эвелина, Evelina
polina: Поліна, Полина, Polina
yelyzaveta: Єлизавета, Елизавета, Yelyzaveta, Ielyzaveta, Elizaveta, Yelizaveta
uliana: Уляна, Ульяна, Uliana, Ulyana, Ul'yana
zlata: Злата, Zlata
milana: Мілана, Милана, Milana
solomiia: Соломія, Соломия, Solomiia, Solomiya, Solomia
vasylyna: Василина, Vasylyna, Vasilina
nelia: Неля, Нелля, Нелли, Nelia, Nelya, Nellia, Nellya, Nelli
violeta: Віолета, Віолетта, Виолетта, Violeta, Violetta
ilona: Ілона, Илона, Ilona
antonina: Антоніна, Антонина, Antonina
olesia: Олеся, Olesia, Olesya
lesia: Леся, Lesia, Lesya
anzhela: Анжела, Anzhela
anzhelika: Анжеліка, Анжелика, Anzhelika
elvira: Ельвіра, Эльвира, Elvira, El'vira
rehina: Регіна, Регина, Rehina, Regina
roksolana: Роксолана, Roksolana
taisiia: Таїсія, Таисия, Taisiia, Taisiya, Taisia
faina: Фаїна, Фаина, Faina
yaryna: Ярина, Yaryna, Iaryna, Iarina, Yarina
zinaida: Зінаїда, Зинаида, Zinaida
klavdiia: Клавдія, Клавдия, Klavdiia, Klavdiya, Klavdia
liliia: Лілія, Лилия, Liliia, Liliya, Lilia
maiia: Майя, Мая, Maiia, Mayya, Maia, Maya
stefaniia: Стефанія, Стефания, Stefaniia, Stefaniya, Stefania
serafyma: Серафима, Serafyma, Serafima
yeva: Єва, Ева, Yeva, Ieva, Eva
emiliia: Емілія, Эмилия, Emiliia, Emiliya, Emilia
arina: Аріна, Арина, Arina
varvara: Варвара, Varvara
vasylysa: Василиса, Vasylysa, Vasilisa
vitalina: Віталіна, Виталина, Vitalina
zoriana: Зоряна, Zoriana, Zoryana
ivanna: Іванна, Иванна, Ivanna
kira: Кіра, Кира, Kira
lada: Лада, Lada
mariana: Марʼяна, Мар'яна, Марьяна, Mariana, Maryana, Mar'yana
marta: Марта, Marta
rymma: Римма, Rymma, Rimma
ruslana: Руслана, Ruslana
snizhana: Сніжана, Снежана, Snizhana, Snezhana
elina: Еліна, Элина, Elina
alisa: Аліса, Алиса, Alisa
milena: Мілена, Милена, Milena
inesa: Інеса, Інесса, Инесса, Inesa, Inessa
nonna: Нонна, Nonna
roza: Роза, Roza
eleonora: Елеонора, Элеонора, Eleonora
emma: Емма, Эмма, Emma
lina: Ліна, Лина, Lina
liubomyra: Любомира, Liubomyra, Lyubomyra, Liubomira, Lyubomira
"""#
}
